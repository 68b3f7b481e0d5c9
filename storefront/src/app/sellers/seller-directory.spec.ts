import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { APP_CONFIG, DEFAULT_CONFIG } from '../core/app-config';
import { expectOperation } from '../testing/graphql-requests';
import { SellerDirectory } from './seller-directory';

function setup() {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: APP_CONFIG, useValue: DEFAULT_CONFIG },
    ],
  });
  return { directory: TestBed.inject(SellerDirectory), http: TestBed.inject(HttpTestingController) };
}

const turn = () => new Promise<void>((resolve) => setTimeout(resolve));

describe('SellerDirectory', () => {
  it('fetches the sellers asked for together in one query and keeps their names', async () => {
    const { directory, http } = setup();
    const acme = firstValueFrom(directory.name('seller-a'));
    const nordic = firstValueFrom(directory.name('seller-b'));
    const gone = firstValueFrom(directory.name('seller-c'));
    await turn();
    const request = expectOperation(http, 'SellerNames');
    expect(request.request.body.variables).toEqual({ s0: 'seller-a', s1: 'seller-b', s2: 'seller-c' });
    request.flush({ data: { s0: { name: 'Acme Outfitters' }, s1: { name: 'Nordic Home' }, s2: null } });
    expect([await acme, await nordic, await gone]).toEqual(['Acme Outfitters', 'Nordic Home', null]);

    expect(await firstValueFrom(directory.name('seller-a'))).toBe('Acme Outfitters');
    await turn();
    http.verify();
  });

  it('leaves the name unknown when the lookup fails, and asks again next time', async () => {
    const { directory, http } = setup();
    const failed = firstValueFrom(directory.name('seller-a'));
    await turn();
    expectOperation(http, 'SellerNames').flush(null, { status: 503, statusText: 'Service Unavailable' });
    expect(await failed).toBeNull();

    const retried = firstValueFrom(directory.name('seller-a'));
    await turn();
    expectOperation(http, 'SellerNames').flush({ data: { s0: { name: 'Acme Outfitters' } } });
    expect(await retried).toBe('Acme Outfitters');
  });
});
