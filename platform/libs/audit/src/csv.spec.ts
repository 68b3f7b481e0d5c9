import { csvField, toCsv } from './csv';

describe('audit CSV', () => {
  it('quotes commas, quotes and line breaks, and leaves plain text alone', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1')).toBe("'-1");
  });

  it('writes a header and one CRLF line per row, objects as JSON', () => {
    const csv = toCsv(
      [
        { header: 'id', value: (row: { id: number; after: object }) => row.id },
        { header: 'after', value: (row) => row.after },
      ],
      [{ id: 1, after: { status: 'active' } }],
    );
    expect(csv).toBe('id,after\r\n1,"{""status"":""active""}"\r\n');
  });
});
