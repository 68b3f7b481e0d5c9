import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { APP_CONFIG, DEFAULT_CONFIG } from './app-config';
import { GraphqlClient } from './graphql-client';

describe('GraphqlClient', () => {
  let client: GraphqlClient;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: APP_CONFIG, useValue: DEFAULT_CONFIG },
      ],
    });
    client = TestBed.inject(GraphqlClient);
    http = TestBed.inject(HttpTestingController);
  });

  it('posts the query and variables and returns the data', async () => {
    const result = firstValueFrom(client.query<{ ok: boolean }>('query Q { ok }', { id: '1' }));
    const request = http.expectOne('/graphql');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ query: 'query Q { ok }', variables: { id: '1' } });
    request.flush({ data: { ok: true } });
    expect(await result).toEqual({ ok: true });
  });

  it('turns GraphQL errors into an error carrying their messages', async () => {
    const result = firstValueFrom(client.query('query Q { ok }'));
    http
      .expectOne('/graphql')
      .flush({ data: null, errors: [{ message: 'minPrice must not exceed maxPrice' }] });
    await expect(result).rejects.toThrow('minPrice must not exceed maxPrice');
  });

  it('reports an unreachable or failing server instead of hiding it', async () => {
    const offline = firstValueFrom(client.query('query Q { ok }'));
    http.expectOne('/graphql').error(new ProgressEvent('error'));
    await expect(offline).rejects.toThrow('could not be reached');

    const failing = firstValueFrom(client.query('query Q { ok }'));
    http
      .expectOne('/graphql')
      .flush({ errors: [{ message: 'rate limited' }] }, { status: 429, statusText: 'Too Many Requests' });
    await expect(failing).rejects.toThrow('rate limited');
  });
});
