/** Short service names: initials of several words, three letters of one, unique, never another service's name. */
import { describe, expect, it } from 'vitest';
import { abbreviateServices } from '../../src/render/service-abbreviations.js';

describe('abbreviateServices', () => {
  it('initials for several words (dashes, dots, camelCase), three letters for one', () => {
    const all = ['recommendation-service', 'productCatalogService', 'checkoutservice', 'api'];
    expect(Object.fromEntries(abbreviateServices(all, all))).toEqual({ 'recommendation-service': 'rs', productCatalogService: 'pcs', checkoutservice: 'che' });
  });

  it('a clash takes a longer prefix, then a number; another service\'s real name is never used', () => {
    const all = ['checkoutservice', 'checkerservice', 'che', 'rs', 'reporting-service'];
    expect(Object.fromEntries(abbreviateServices(['checkoutservice', 'checkerservice', 'reporting-service'], all))).toEqual({
      checkerservice: 'chec',
      checkoutservice: 'check',
      'reporting-service': 'rep',
    });
  });

  it('a name that would save fewer than 3 cells is kept whole', () => {
    expect(abbreviateServices(['cart', 'front'], ['cart', 'front']).size).toBe(0);
  });
});
