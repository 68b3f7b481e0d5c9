import { filterSupportOf, type FilterSupport } from '@marketplace/tenancy';
import { MongoClient, type Db, type TopologyDescription } from 'mongodb';

export interface MongoConnection {
  client: MongoClient;
  db: Db;
  /**
   * Whether the driver's server monitoring (heartbeats, failed operations) last saw a server holding data:
   * known without a round trip.
   */
  serving(): boolean;
  /** How the server answers filters: whether a guarded write by `_id` can keep its guard in the filter. */
  filterSupport: FilterSupport;
  close(): Promise<void>;
}

export async function connectMongo(options: {
  url: string;
  database: string;
  poolSize?: number;
}): Promise<MongoConnection> {
  const client = new MongoClient(options.url, {
    maxPoolSize: options.poolSize ?? 20,
    serverSelectionTimeoutMS: 5000,
  });
  let topology: TopologyDescription | undefined;
  client.on('topologyDescriptionChanged', (event) => {
    topology = event.newDescription;
  });
  await client.connect();
  const db = client.db(options.database);
  return {
    client,
    db,
    filterSupport: await filterSupportOf(db),
    serving: () => topology?.hasDataBearingServers ?? false,
    close: () => client.close(),
  };
}
