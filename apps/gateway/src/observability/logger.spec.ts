import { pino } from 'pino';
import { PinoNestLogger } from './logger.js';

describe('PinoNestLogger', () => {
  const captured = () => {
    const lines: Array<{ level: number; context?: string; msg: string }> = [];
    const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    return { lines, nest: new PinoNestLogger(logger) };
  };

  it('keeps warnings at warn', () => {
    const { lines, nest } = captured();
    nest.warn('disk almost full', 'Storage');
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, context: 'Storage', msg: 'disk almost full' }),
    ]);
  });

  it("writes @nestjs/typeorm's process-wide data source name warning at debug (a false alarm for a second app)", () => {
    const { lines, nest } = captured();
    nest.warn('A data source with the default name is already registered.', 'DataSourceNameRegistry');
    expect(lines).toEqual([expect.objectContaining({ level: 20, context: 'DataSourceNameRegistry' })]);
  });
});
