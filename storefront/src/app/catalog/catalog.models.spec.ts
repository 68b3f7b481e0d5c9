import { product } from '../testing/fixtures';
import { pictureAlt } from './catalog.models';

describe('pictureAlt', () => {
  it("takes the seller's alt text of the picture, matched by media id", () => {
    expect(pictureAlt(product(), 0)).toBe('Linen shirt in blue, front');
  });

  it('falls back to the product name and position where the seller gave none', () => {
    expect(pictureAlt(product(), 1)).toBe('Linen shirt, picture 2 of 2');
    expect(pictureAlt(product({ imageAlts: [] }), 0)).toBe('Linen shirt, picture 1 of 2');
  });

  it('keeps each alt text with its image when the media service leaves one out', () => {
    const second = product().media[1]!;
    const shown = product({ imageAlts: ['Front', 'Back'], media: [second] });
    expect(pictureAlt(shown, 0)).toBe('Back');
  });
});
