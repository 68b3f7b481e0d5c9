import { notOneOf, productionGuard, s3Settings, str } from '@marketplace/config';
import { z } from 'zod';

/** What a participating service adds to its settings: the bucket, and its offboarding consumer group. */
export const offboardingSettings = (service: string) => ({
  ...s3Settings,
  OFFBOARDING_EVENTS_GROUP: str('a consumer group').default(`${service}.offboarding`),
  /** Where a new group starts; tests start at the end with their own groups, deployments read every request. */
  OFFBOARDING_EVENTS_START_FROM: productionGuard(
    z.enum(['earliest', 'latest']).default('earliest'),
    notOneOf(['latest'], 'skipping offboarding requests'),
  ),
});

export interface OffboardingConfig {
  SERVICE_NAME: string;
  KAFKA_BROKERS: string[];
  OFFBOARDING_EVENTS_GROUP: string;
  OFFBOARDING_EVENTS_START_FROM: 'earliest' | 'latest';
  S3_ENDPOINT?: string | undefined;
  S3_REGION: string;
  S3_ACCESS_KEY_ID?: string | undefined;
  S3_SECRET_ACCESS_KEY?: string | undefined;
  S3_BUCKET: string;
  S3_FORCE_PATH_STYLE: boolean;
}
