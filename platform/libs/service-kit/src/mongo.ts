import { MongoClient, type Db } from 'mongodb';

export interface MongoConnection {
  client: MongoClient;
  db: Db;
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
  await client.connect();
  return { client, db: client.db(options.database), close: () => client.close() };
}
