import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { MessagesQuery } from '../../messages/dto/messages.args.js';
import { validationErrorFactory } from './validation-error.factory.js';

function problemFor(query: Record<string, string>) {
  const errors = validateSync(plainToInstance(MessagesQuery, query));
  return validationErrorFactory(errors);
}

describe('validationErrorFactory', () => {
  it('says only that first=abc is not an integer, not that it is both below 1 and above 100', () => {
    const error = problemFor({ first: 'abc' });
    expect(error.details.fields).toEqual({ first: ['first must be an integer number'] });
    expect(error.message).toBe('first: first must be an integer number');
  });

  it('keeps the range message when the type is right', () => {
    expect(problemFor({ first: '500' }).details.fields).toEqual({
      first: ['first must not be greater than 100'],
    });
  });

  it('names every offending field', () => {
    const fields = problemFor({ first: '0', createdAfter: 'soon' }).details.fields ?? {};
    expect(Object.keys(fields).sort()).toEqual(['createdAfter', 'first']);
  });
});
