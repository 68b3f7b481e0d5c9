import { randomUUID } from 'node:crypto';
import { stackEnv } from './stack-env';

interface SearchAnswer {
  hits: { hits: { _source: { title: string } }[] };
  aggregations: { sellers: { buckets: { key: string; doc_count: number }[] } };
}

describe('opensearch (local stack)', () => {
  const url = stackEnv('OPENSEARCH_URL').replace(/\/$/, '');
  const index = `stack-smoke-${randomUUID()}`;

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as SearchAnswer };
  };

  afterAll(async () => {
    await call('DELETE', `/${index}`);
  });

  it('indexes with the analysis module, refuses an older external version, searches and aggregates', async () => {
    const created = await call('PUT', `/${index}`, {
      settings: {
        number_of_shards: 1,
        number_of_replicas: 0,
        analysis: {
          analyzer: {
            folded: { tokenizer: 'standard', filter: ['lowercase', 'asciifolding', 'porter_stem'] },
          },
        },
      },
      mappings: {
        properties: { title: { type: 'text', analyzer: 'folded' }, tenantId: { type: 'keyword' } },
      },
    });
    expect(created.status).toBe(200);

    const put = (version: number, title: string) =>
      call('PUT', `/${index}/_doc/p1?version=${version}&version_type=external_gte&refresh=true`, {
        title,
        tenantId: 't1',
      });
    expect((await put(5, 'Café chairs')).status).toBe(201);
    expect((await put(3, 'stale title')).status).toBe(409);

    const found = await call('POST', `/${index}/_search`, {
      query: { match: { title: 'cafe chair' } },
      aggs: { sellers: { terms: { field: 'tenantId' } } },
    });
    expect(found.body.hits.hits.map((hit) => hit._source.title)).toEqual(['Café chairs']);
    expect(found.body.aggregations.sellers.buckets).toEqual([{ key: 't1', doc_count: 1 }]);
  });
});
