import { Inject, Module, type DynamicModule } from '@nestjs/common';
import { Args, Field, ID, Int, ObjectType, Query, registerEnumType, Resolver } from '@nestjs/graphql';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Public } from '@marketplace/auth';
import { createServiceApp, ServicePlatformModule, SubgraphModule } from '@marketplace/service-kit';
import { ulid } from 'ulid';

/*
 * A stand-in for the catalog subgraph: the same `product(id)` query, field names and enums the real catalog
 * serves, over real HTTP, with products the test sets. Like the real catalog it hides products that are
 * not published, removed by moderation, or of a seller that is not active.
 */

enum FixtureProductStatus {
  DRAFT = 'draft',
  PUBLISHED = 'published',
  ARCHIVED = 'archived',
}
registerEnumType(FixtureProductStatus, { name: 'ProductStatus' });

enum FixtureModeration {
  NONE = 'none',
  FLAGGED = 'flagged',
  REMOVED = 'removed',
}
registerEnumType(FixtureModeration, { name: 'ModerationState' });

@ObjectType('Variant')
class FixtureVariant {
  @Field(() => ID) id!: string;
  @Field() sku!: string;
  @Field(() => Int) priceMinor!: number;
}

@ObjectType('Product')
class FixtureProduct {
  @Field(() => ID) id!: string;
  @Field(() => ID) tenantId!: string;
  @Field() title!: string;
  @Field(() => FixtureProductStatus) status!: FixtureProductStatus;
  @Field(() => FixtureModeration) moderation!: FixtureModeration;
  @Field() currency!: string;
  @Field() inStock!: boolean;
  @Field(() => ID, { nullable: true }) categoryId!: string | null;
  @Field(() => [FixtureVariant]) variants!: FixtureVariant[];
}

export interface FixtureProductState {
  id: string;
  tenantId: string;
  title: string;
  status: 'draft' | 'published' | 'archived';
  moderation: 'none' | 'flagged' | 'removed';
  currency: string;
  inStock: boolean;
  categoryId?: string | null;
  variants: { id: string; sku: string; priceMinor: number }[];
}

/** A published, in-stock EUR product of the seller with one variant per price; `overrides` change the rest. */
export function fixtureProduct(
  tenantId: string,
  prices: readonly number[] = [1000],
  overrides: Partial<FixtureProductState> = {},
): FixtureProductState {
  return {
    id: ulid(),
    tenantId,
    title: `Product ${ulid()}`,
    status: 'published',
    moderation: 'none',
    currency: 'EUR',
    inStock: true,
    categoryId: null,
    variants: prices.map((priceMinor) => ({ id: ulid(), sku: `SKU-${ulid()}`, priceMinor })),
    ...overrides,
  };
}

/** The products the fixture serves and the sellers it treats as inactive; tests change them at will. */
export class FixtureCatalogState {
  readonly products = new Map<string, FixtureProductState>();
  readonly inactiveTenants = new Set<string>();
  requests = 0;

  put(product: FixtureProductState): FixtureProductState {
    this.products.set(product.id, product);
    return product;
  }
}

@Resolver(() => FixtureProduct)
class FixtureCatalogResolver {
  constructor(@Inject(FixtureCatalogState) private readonly state: FixtureCatalogState) {}

  @Public()
  @Query(() => FixtureProduct, { nullable: true })
  product(@Args('id', { type: () => ID }) id: string): FixtureProduct | null {
    this.state.requests += 1;
    const product = this.state.products.get(id);
    const visible =
      product !== undefined &&
      product.status === 'published' &&
      product.moderation !== 'removed' &&
      !this.state.inactiveTenants.has(product.tenantId);
    if (!visible) return null;
    return {
      ...product,
      categoryId: product.categoryId ?? null,
      status: product.status as FixtureProductStatus,
      moderation: product.moderation as FixtureModeration,
    };
  }
}

@Module({})
class FixtureCatalogModule {
  static forRoot(state: FixtureCatalogState): DynamicModule {
    return {
      module: FixtureCatalogModule,
      imports: [
        ServicePlatformModule.forRoot({
          service: 'catalog-fixture',
          logLevel: 'silent',
          keycloak: {
            url: process.env.KEYCLOAK_URL!,
            realm: process.env.KEYCLOAK_REALM!,
            audience: 'marketplace-api',
          },
        }),
        SubgraphModule.forRoot(),
      ],
      providers: [{ provide: FixtureCatalogState, useValue: state }, FixtureCatalogResolver],
    };
  }
}

export async function startFixtureCatalog(): Promise<{
  app: NestFastifyApplication;
  url: string;
  state: FixtureCatalogState;
}> {
  const state = new FixtureCatalogState();
  const app = await createServiceApp(FixtureCatalogModule.forRoot(state));
  await app.listen(0, '127.0.0.1');
  return { app, url: `${await app.getUrl()}/graphql`, state };
}
