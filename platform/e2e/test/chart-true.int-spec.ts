import { ConfigError, loadConfig } from '@marketplace/config';
import { createTestBuyer } from '@marketplace/testing';
import { MongoClient } from 'mongodb';
import mysql from 'mysql2/promise';
import { join } from 'node:path';
import Stripe from 'stripe';
import { ulid } from 'ulid';
import type { z } from 'zod';
import {
  BOOT_TIMEOUT_MS,
  chartDeployables,
  dataOf,
  mapClusterAddresses,
  mapConcurrently,
  Marketplace,
  MY_ORDER,
  platformClient,
  referencedDeployables,
  renderUmbrellaChart,
  startChildService,
  type BuyerOrderView,
  type ChartDeployable,
  type ChildService,
  type RunningPlatform,
} from '../src';

const REPO_ROOT = join(__dirname, '..', '..', '..');
/** Every server of the chart starts here (eight processes), three at a time on a possibly busy machine. */
const START_CONCURRENCY = 3;
const READY_TIMEOUT_MS = 2 * BOOT_TIMEOUT_MS;

/**
 * What the environment's secret store holds, shaped as in AWS: the chart names the keys (ExternalSecret),
 * these stand in for the values so each deployable's configuration can be judged as production would.
 */
const PRODUCTION_SECRETS: Record<string, string> = {
  MYSQL_URL: 'mysql://svc:from-secrets-manager@marketplace.cluster-abc.eu-west-1.rds.amazonaws.com:3306',
  MONGODB_URL:
    'mongodb://svc:from-secrets-manager@marketplace.cluster-abc.eu-west-1.docdb.amazonaws.com:27017/?tls=true',
  REDIS_URL: 'rediss://:from-secrets-manager@master.marketplace.abc.euw1.cache.amazonaws.com:6379',
  KAFKA_BROKERS: 'b-1.marketplace.abc.c2.kafka.eu-west-1.amazonaws.com:9096',
  S3_BUCKET: 'marketplace-dev-media',
  S3_REGION: 'eu-west-1',
  SMTP_URL: 'smtps://svc:from-secrets-manager@email-smtp.eu-west-1.amazonaws.com:465',
  STRIPE_PUBLISHABLE_KEY: 'pk_live_from_secrets_manager',
  OPENSEARCH_URL: 'https://vpc-marketplace-dev-search-abc.eu-west-1.es.amazonaws.com',
};

/** Settings AWS gives implicitly (S3 endpoint and IAM role, api.stripe.com) that the local stack must name. */
const LOCAL_STAND_INS = [
  'S3_ENDPOINT',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  'S3_FORCE_PATH_STYLE',
  'STRIPE_API_BASE',
];

/** The configuration schema a deployable loads at start (its src/config.ts). */
function configSchemaOf(deployable: ChartDeployable): z.ZodObject {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- each deployable's own module, chosen at run time.
  const module = require(join(REPO_ROOT, deployable.directory, 'src', 'config')) as Record<string, unknown>;
  const schema = Object.entries(module).find(([name]) => /onfigSchema$/.test(name))?.[1];
  if (!schema) throw new Error(`${deployable.directory}/src/config.ts exports no configuration schema`);
  return schema as z.ZodObject;
}

const isServer = (deployable: ChartDeployable) => deployable.component !== 'app';

describe('chart-true: the deployables run as the umbrella chart renders them', () => {
  describe.each(['values-dev.yaml', 'values-prod.yaml'])('%s', (values) => {
    const deployables = chartDeployables(renderUmbrellaChart(values));

    it('binds every server on all interfaces and points every address at a deployable of the chart', () => {
      const names = new Set(deployables.map((deployable) => deployable.name));
      for (const deployable of deployables) {
        expect(
          `${deployable.name} ${deployable.hostVariable}=${deployable.settings[deployable.hostVariable]}`,
        ).toBe(`${deployable.name} ${deployable.hostVariable}=0.0.0.0`);
        for (const [variable, value] of Object.entries(deployable.settings))
          for (const target of referencedDeployables(value))
            expect(
              `${deployable.name}.${variable} -> ${target}: ${names.has(target) ? 'deployed' : 'missing'}`,
            ).toBe(`${deployable.name}.${variable} -> ${target}: deployed`);
      }
    });

    it('gives every server a configuration its production guards accept (a setting left to its local default is refused, by name)', () => {
      const refusals: string[] = [];
      for (const deployable of deployables.filter(isServer)) {
        const secrets = Object.fromEntries(
          deployable.secretKeys.map((key) => [key, PRODUCTION_SECRETS[key] ?? `from-secrets-manager-${key}`]),
        );
        try {
          loadConfig(configSchemaOf(deployable), {
            ...deployable.settings,
            ...secrets,
            NODE_ENV: 'production',
          });
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          refusals.push(`${deployable.name}: ${error.message}`);
        }
      }
      expect(refusals).toEqual([]);
    });
  });

  describe('dev values: every server started with its rendered environment, cluster names mapped to loopback', () => {
    const run = ulid().toLowerCase();
    const webhookSecret = `whsec_chart_${run}`;
    const deployables = chartDeployables(renderUmbrellaChart('values-dev.yaml')).filter(isServer);
    const children: ChildService[] = [];
    const urls = new Map<string, string>();
    const databases = { mysql: [] as string[], mongo: [] as string[] };
    let platform: RunningPlatform;

    /** The pod's environment for this machine: secrets and stand-ins from the local stack, run-unique names. */
    function localEnvironment(deployable: ChartDeployable): Record<string, string> {
      const env: Record<string, string> = {};
      for (const [variable, value] of Object.entries(deployable.settings)) {
        // No collector runs here, and the local OpenSearch node takes unsigned requests (no AWS role to sign with).
        if (variable === 'OTEL_EXPORTER_OTLP_ENDPOINT' || variable === 'OPENSEARCH_AWS_REGION') continue;
        env[variable] =
          variable === 'KEYCLOAK_URL' ? process.env.KEYCLOAK_URL! : mapClusterAddresses(value, urls);
      }
      for (const key of deployable.secretKeys) {
        const local =
          key === 'STRIPE_WEBHOOK_SECRET'
            ? webhookSecret
            : key === 'STRIPE_SECRET_KEY'
              ? 'sk_test_charttrue'
              : key === 'STRIPE_PUBLISHABLE_KEY'
                ? 'pk_test_charttrue'
                : process.env[key];
        if (!local)
          throw new Error(`${deployable.name} needs secret ${key}, which the local stack does not set`);
        env[key] = local;
      }
      for (const variable of LOCAL_STAND_INS) {
        if (variable in deployable.settings)
          throw new Error(`${deployable.name}: the chart sets ${variable}`);
        const value = process.env[variable];
        if (value) env[variable] = value;
      }
      if (env.MYSQL_DATABASE)
        databases.mysql.push((env.MYSQL_DATABASE = `chart_${env.MYSQL_DATABASE}_${run}`));
      if (env.MONGODB_DATABASE)
        databases.mongo.push((env.MONGODB_DATABASE = `chart_${env.MONGODB_DATABASE}_${run}`));
      return {
        ...env,
        [deployable.hostVariable]: '127.0.0.1',
        // The chart's fixed internal port may be taken here; the OS picks one.
        ...(deployable.internalPortVariable ? { [deployable.internalPortVariable]: '0' } : {}),
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        POD_NAME: `${deployable.name}-chart-true`,
        // Consumer groups and key prefixes of its own, so this run never shares work with another.
        TENANT_EVENTS_GROUP: `chart-${deployable.name}-tenants-${run}`,
        PAYMENT_EVENTS_GROUP: `chart-${deployable.name}-payments-${run}`,
        SEARCH_INDEX_GROUP_PREFIX: `chart-${deployable.name}-search-${run}`,
        SEARCH_INDEXER_GROUP: `chart-${deployable.name}-search-indexer-${run}`,
        SEARCH_INDEXER_START: 'latest',
        OPENSEARCH_INDEX: `chart-catalog-${run}`,
        CART_KEY_PREFIX: `chart-cart-${run}`,
        MEDIA_KEY_PREFIX: `chart-media-${run}`,
        RATE_LIMIT_KEY_PREFIX: `chart:gateway:${run}`,
      };
    }

    /** Starts each deployable once those its settings refer to answer, independent ones together. */
    async function startInDependencyOrder(): Promise<void> {
      const waiting = new Map(
        deployables.map((deployable) => [
          deployable,
          new Set(Object.values(deployable.settings).flatMap(referencedDeployables)),
        ]),
      );
      while (waiting.size > 0) {
        const ready = [...waiting].filter(([, needs]) => [...needs].every((name) => urls.has(name)));
        if (ready.length === 0)
          throw new Error(
            `No deployable can start; waiting: ${[...waiting.keys()].map((d) => d.name).join(', ')}`,
          );
        await mapConcurrently(ready, START_CONCURRENCY, async ([deployable]) => {
          waiting.delete(deployable);
          const child = await startChildService(
            deployable.directory,
            localEnvironment(deployable),
            READY_TIMEOUT_MS,
            deployable.portVariable,
          );
          children.push(child);
          urls.set(deployable.name, child.url);
        });
      }
    }

    beforeAll(async () => {
      try {
        await startInDependencyOrder();
        platform = {
          urls: {
            gateway: urls.get('gateway')!,
            catalog: urls.get('catalog')!,
            cart: urls.get('cart')!,
            inventory: urls.get('inventory')!,
            payments: urls.get('payments')!,
            orders: urls.get('orders')!,
          },
          run,
          ...(await platformClient(urls.get('gateway')!, urls.get('payments')!)),
          close: async () => undefined,
        };
      } catch (error) {
        await Promise.all(children.map((child) => child.stop()));
        throw error;
      }
    }, 4 * READY_TIMEOUT_MS);

    afterAll(async () => {
      await Promise.all(children.map((child) => child.stop()));
      const connection = await mysql.createConnection(process.env.MYSQL_URL!);
      for (const database of databases.mysql)
        await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await connection.end();
      const mongo = await MongoClient.connect(process.env.MONGODB_URL!);
      for (const database of databases.mongo) await mongo.db(database).dropDatabase();
      await mongo.close();
    }, BOOT_TIMEOUT_MS);

    it('a signed-in buyer checks out a two-seller cart through the gateway; Stripe’s webhook on the payments route pays it', async () => {
      const market = new Marketplace(platform);
      const [sellerA, sellerB] = await Promise.all([market.seller(), market.seller()]);
      const buyer = await createTestBuyer();
      const [shirt, mug] = await Promise.all([
        market.product(sellerA, 2_500, 10),
        market.product(sellerB, 1_200, 4),
      ]);
      await market.fillCart(buyer.token, [
        [shirt, 2],
        [mug, 3],
      ]);
      const order = dataOf(await market.checkout(buyer.token), 'checkout').checkout;
      // The chart confirms payments in the browser: the order waits for Stripe.
      expect(order).toMatchObject({ total: 8_600, currency: 'EUR', failureReason: null });
      expect(order.status).not.toBe('paid');
      expect(order.sellerOrders.map((sellerOrder) => sellerOrder.tenantId).sort()).toEqual(
        [sellerA.tenantId, sellerB.tenantId].sort(),
      );

      const payment = await platform.paymentsInternal<{ payment: { intentId: string; provider: string } }>(
        'GET',
        `/internal/payments/${order.id}`,
      );
      expect(payment.status).toBe(200);
      expect(payment.body.payment.provider).toBe('stripe');

      // Stripe calls the route the payments Ingress exposes, signed with the endpoint's secret.
      const [route] = deployables.find((deployable) => deployable.name === 'payments')!.ingressPaths;
      expect(route).toBe('/webhooks/stripe');
      const body = JSON.stringify({
        id: `evt_${ulid()}`,
        object: 'event',
        type: 'payment_intent.succeeded',
        data: { object: { id: payment.body.payment.intentId, object: 'payment_intent' } },
      });
      const signer = new Stripe('sk_test_signer', { telemetry: false });
      const delivered = await fetch(`${urls.get('payments')}${route}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'stripe-signature': signer.webhooks.generateTestHeaderString({
            payload: body,
            secret: webhookSecret,
          }),
        },
        body,
      });
      expect(delivered.status).toBe(200);

      let paid: BuyerOrderView | undefined;
      for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
        const current = dataOf(
          await platform.gql<{ myOrder: BuyerOrderView }>(MY_ORDER, { id: order.id }, buyer.token),
          'myOrder',
        ).myOrder;
        if (current.status === 'paid') {
          paid = current;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(paid?.sellerOrders.map((sellerOrder) => sellerOrder.status)).toEqual(['paid', 'paid']);
    }, 180_000);
  });
});
