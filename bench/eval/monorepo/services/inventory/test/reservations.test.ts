import { describe, expect, it } from 'vitest';
import { OutOfStockError, ReservationBook } from '../src/reservations.js';

const logger = { info() {}, warn() {}, error() {} };

describe('ReservationBook', () => {
  it('refuses to hold more than is on hand', async () => {
    const book = new ReservationBook(60_000, async () => 3, logger);
    await book.reserve('o1', 'MUG-01', 2, 0);
    await expect(book.reserve('o2', 'MUG-01', 2, 0)).rejects.toBeInstanceOf(OutOfStockError);
  });
  it('releases holds after the window', async () => {
    const book = new ReservationBook(1_000, async () => 3, logger);
    await book.reserve('o1', 'MUG-01', 2, 0);
    expect(book.releaseExpired(1_000)).toBe(1);
  });
});
