import { TENANT_STATUSES, type TenantStatus, safeText } from '@marketplace/contracts';
import { Field, InputType } from '@nestjs/graphql';
import { z } from 'zod';
import { TenantStatusValue } from './tenant.model';

const currencies = new Set(Intl.supportedValuesOf('currency'));

export const tenantName = safeText().trim().min(1, 'must not be empty').max(255);
/** Same rule as Keycloak organization aliases in @marketplace/identity. */
export const tenantAlias = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase letters, digits and single dashes');
export const currencyCode = z
  .string()
  .refine((code) => /^[A-Z]{3}$/.test(code) && currencies.has(code), 'must be an ISO 4217 currency code');
export const emailAddress = z.email().max(320);
export const tenantId = z.uuid();
export const commissionBps = z.number().int().min(0).max(10_000);

@InputType()
export class SignUpSellerInput {
  @Field()
  name!: string;

  @Field({ description: 'URL-safe slug, unique across the platform; also the Keycloak organization alias.' })
  alias!: string;

  @Field({ nullable: true, description: "Defaults to the signed-in user's e-mail." })
  contactEmail?: string;

  @Field({ nullable: true, description: 'ISO 4217; defaults to the platform default.' })
  defaultCurrency?: string;
}

export const signUpSellerSchema = z.object({
  name: tenantName,
  alias: tenantAlias,
  contactEmail: emailAddress.optional(),
  defaultCurrency: currencyCode.optional(),
});

@InputType()
export class TenantSettingsInput {
  @Field({ nullable: true })
  name?: string;

  @Field({ nullable: true })
  contactEmail?: string;

  @Field({ nullable: true })
  defaultCurrency?: string;

  @Field({ nullable: true, description: 'Up to 2000 characters; empty removes it.' })
  description?: string;

  @Field({ nullable: true, description: 'Up to 5000 characters; empty removes it.' })
  returnPolicy?: string;

  @Field({ nullable: true, description: 'Media id of an uploaded image; empty removes the logo.' })
  logoMediaId?: string;
}

/** Free text of the store profile: trimmed, and empty means "none". */
const profileText = (max: number) =>
  safeText({ multiline: true })
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((text) => text || null);

export const tenantSettingsSchema = z
  .object({
    name: tenantName.optional(),
    contactEmail: emailAddress.optional(),
    defaultCurrency: currencyCode.optional(),
    description: profileText(2000).optional(),
    returnPolicy: profileText(5000).optional(),
    logoMediaId: z
      .union([z.literal(''), z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a media id')])
      .transform((id) => id || null)
      .optional(),
  })
  .strict()
  .refine(
    (settings) => Object.values(settings).some((value) => value !== undefined),
    'change at least one setting',
  );

/** A suspension or rejection: the tenant and the reason its owner sees. */
export const reasonedChangeSchema = z.object({
  id: tenantId,
  reason: safeText({ multiline: true }).trim().min(1, 'must not be empty').max(500),
});
export const commissionSchema = z.object({ id: tenantId, commissionBps });

@InputType()
export class TenantsFilter {
  @Field(() => TenantStatusValue, { nullable: true })
  status?: TenantStatus;
}

export const tenantsPageSchema = z.object({
  status: z.enum(TENANT_STATUSES).optional(),
  first: z.number().int().min(1).max(100).default(20),
  after: z.string().min(1).max(512).optional(),
});
