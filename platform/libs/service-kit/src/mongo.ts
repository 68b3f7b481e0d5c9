import { MongoClient, type Db, type TopologyDescription } from 'mongodb';

export interface MongoConnection {
  client: MongoClient;
  db: Db;
  /**
   * Whether the driver's server monitoring (heartbeats, failed operations) last saw a server holding data:
   * known without a round trip.
   */
  serving(): boolean;
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
  return {
    client,
    db: client.db(options.database),
    serving: () => topology?.hasDataBearingServers ?? false,
    close: () => client.close(),
  };
}
