import { altProblem, imageProblem, MAX_IMAGE_BYTES } from './image-upload';

describe('imageProblem', () => {
  it('accepts JPEG, PNG and WebP pictures up to the limit', () => {
    expect(imageProblem({ name: 'a.png', type: 'image/png', size: 1000 })).toBe('');
    expect(imageProblem({ name: 'a.webp', type: 'image/webp', size: MAX_IMAGE_BYTES })).toBe('');
  });

  it('refuses other types, oversized and empty files with a message naming the file', () => {
    expect(imageProblem({ name: 'a.gif', type: 'image/gif', size: 10 })).toBe(
      'a.gif is not a JPEG, PNG or WebP picture.',
    );
    expect(imageProblem({ name: 'big.jpg', type: 'image/jpeg', size: MAX_IMAGE_BYTES + 1 })).toContain(
      'pictures may be at most 10 MB',
    );
    expect(imageProblem({ name: 'e.png', type: 'image/png', size: 0 })).toBe('e.png is empty.');
  });
});

describe('altProblem', () => {
  it('accepts an empty or fitting alt text', () => {
    expect(altProblem('')).toBe('');
    expect(altProblem('A fountain pen, cap off')).toBe('');
    expect(altProblem(`${'x'.repeat(250)}   `)).toBe('');
  });

  it('refuses a too long one, and line breaks, control or text-direction characters, as the catalog does', () => {
    expect(altProblem('x'.repeat(251))).toBe('Alt text must be at most 250 characters.');
    for (const bad of ['Front\nside', 'Bell\u0007', 'pen \u202Egnp.exe', 'isolate \u2066x\u2069'])
      expect(altProblem(bad)).toContain('control or text-direction characters');
  });
});
