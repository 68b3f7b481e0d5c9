import { isSafeText, safeText, UNSAFE_TEXT_MESSAGE } from './safe-text';

describe('safeText', () => {
  const bidi = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];

  it.each(bidi.map((char) => [char.codePointAt(0)!.toString(16), char]))('refuses U+%s in a name', (_code, char) => {
    const answer = safeText().trim().min(1).safeParse(`invoice${char}fdp.exe`);
    expect(answer.success).toBe(false);
    expect(answer.error?.issues[0]?.message).toBe(UNSAFE_TEXT_MESSAGE);
  });

  it('refuses control characters, and line breaks outside multi-line text', () => {
    for (const text of ['a\u0000b', 'a\u001b[31mred', 'a\u0085b', 'a\u007fb']) {
      expect(isSafeText(text)).toBe(false);
      expect(isSafeText(text, { multiline: true })).toBe(false);
    }
    expect(isSafeText('line one\nline two')).toBe(false);
    expect(isSafeText('line one\r\n\tline two', { multiline: true })).toBe(true);
  });

  it('accepts every script, right-to-left included, emoji and joiners', () => {
    for (const text of ['Zürich Café', 'متجر الكتب', 'חנות ספרים', '東京の店', 'Shop 👩‍💻', 'naïve – “quoted”']) {
      expect(safeText().trim().parse(`  ${text} `)).toBe(text);
    }
  });
});
