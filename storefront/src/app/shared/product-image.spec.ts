import { TestBed } from '@angular/core/testing';
import { product } from '../testing/fixtures';
import { ProductImage, variantFor } from './product-image';

describe('variantFor', () => {
  const [withVariants, processing] = product().media;

  it('picks the medium rendition for the main picture and the thumbnail for small ones', () => {
    expect(variantFor(withVariants, 'large')?.url).toBe('https://media.example/m1-m.webp');
    expect(variantFor(withVariants, 'small')?.url).toBe('https://media.example/m1-t.webp');
  });

  it('has no picture for media without renditions, or no media', () => {
    expect(variantFor(processing, 'large')).toBeNull();
    expect(variantFor(undefined, 'small')).toBeNull();
  });
});

describe('ProductImage', () => {
  it('shows the media variant with its size and alt text, else a decorative tile', async () => {
    const fixture = TestBed.createComponent(ProductImage);
    fixture.componentRef.setInput('title', 'Linen shirt');
    fixture.componentRef.setInput('seed', 'm1');
    fixture.componentRef.setInput('size', 'large');
    fixture.componentRef.setInput('alt', 'Linen shirt, picture 1 of 2');
    fixture.componentRef.setInput('picture', variantFor(product().media[0], 'large'));
    await fixture.whenStable();
    const img = (fixture.nativeElement as HTMLElement).querySelector('img');
    expect(img?.getAttribute('src')).toBe('https://media.example/m1-m.webp');
    expect(img?.getAttribute('alt')).toBe('Linen shirt, picture 1 of 2');
    expect(img?.getAttribute('width')).toBe('800');

    fixture.componentRef.setInput('picture', null);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('img')).toBeNull();
    expect(element.querySelector('.tile')?.getAttribute('aria-hidden')).toBe('true');
  });
});
