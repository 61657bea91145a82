import { MessageStatus, isStatusAdvance } from './message-status.js';

describe('isStatusAdvance', () => {
  it('moves forward only', () => {
    expect(isStatusAdvance(MessageStatus.QUEUED, MessageStatus.SENT)).toBe(true);
    expect(isStatusAdvance(MessageStatus.SENT, MessageStatus.READ)).toBe(true);
    expect(isStatusAdvance(MessageStatus.DELIVERED, MessageStatus.SENT)).toBe(false);
    expect(isStatusAdvance(MessageStatus.SENT, MessageStatus.FAILED)).toBe(true);
  });
  it('never leaves a final status', () => {
    expect(isStatusAdvance(MessageStatus.READ, MessageStatus.FAILED)).toBe(false);
    expect(isStatusAdvance(MessageStatus.FAILED, MessageStatus.READ)).toBe(false);
  });
});
