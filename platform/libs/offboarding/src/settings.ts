import { bool, notOneOf, productionGuard, s3Settings, str } from '@marketplace/config';
import { z } from 'zod';

/** The consumer's settings alone, for a service whose part exports nothing (Redis-only: no bucket needed). */
export const offboardingConsumerSettings = (service: string) => ({
  OFFBOARDING_EVENTS_GROUP: str('a consumer group').default(`${service}.offboarding`),
  /** Where a new group starts; tests start at the end with their own groups, deployments read every request. */
  OFFBOARDING_EVENTS_START_FROM: productionGuard(
    z.enum(['earliest', 'latest']).default('earliest'),
    notOneOf(['latest'], 'skipping offboarding requests'),
  ),
  /**
   * Whether this process answers offboarding requests. Every deployment does; a service started alone by a test
   * does not, because test runs share one Kafka and a stranger's empty export part or confirmation would race
   * the requesting run's own.
   */
  OFFBOARDING_PARTICIPANT: productionGuard(
    bool().default(true),
    notOneOf([false], 'ignoring offboarding requests'),
  ),
});

/** What a participating service adds to its settings: the bucket, and its offboarding consumer group. */
export const offboardingSettings = (service: string) => ({
  ...s3Settings,
  ...offboardingConsumerSettings(service),
});

export interface OffboardingConsumerConfig {
  SERVICE_NAME: string;
  KAFKA_BROKERS: string[];
  OFFBOARDING_EVENTS_GROUP: string;
  OFFBOARDING_EVENTS_START_FROM: 'earliest' | 'latest';
  OFFBOARDING_PARTICIPANT: boolean;
}

export interface OffboardingConfig extends OffboardingConsumerConfig {
  S3_ENDPOINT?: string | undefined;
  S3_REGION: string;
  S3_ACCESS_KEY_ID?: string | undefined;
  S3_SECRET_ACCESS_KEY?: string | undefined;
  S3_BUCKET: string;
  S3_FORCE_PATH_STYLE: boolean;
}
