import { returnedRows } from './returned-rows.js';

describe('returnedRows', () => {
  it("unwraps TypeORM's [rows, count] answer to an UPDATE ... RETURNING and passes plain rows through", () => {
    expect(returnedRows([[{ a: 1 }], 1])).toEqual([{ a: 1 }]);
    expect(returnedRows([[], 0])).toEqual([]);
    expect(returnedRows([{ a: 1 }, { a: 2 }])).toEqual([{ a: 1 }, { a: 2 }]);
  });
});
