import { Field, InputType } from '@nestjs/graphql';
import { z } from 'zod';

const httpUrl = z.url({ protocol: /^https?$/ }).max(2000);

export const onboardingSchema = z.object({ returnUrl: httpUrl, refreshUrl: httpUrl });

@InputType({
  description:
    'Where the provider sends the seller back after onboarding (return) or an expired link (refresh).',
})
export class StartPayoutOnboardingInput {
  @Field()
  returnUrl!: string;

  @Field()
  refreshUrl!: string;
}

export const transferPageSchema = z.object({
  first: z.number().int().min(1).max(100),
  after: z.string().min(1).max(200).optional(),
});

export const DEFAULT_PAGE_SIZE = 20;
