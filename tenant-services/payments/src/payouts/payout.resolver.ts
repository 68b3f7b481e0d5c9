import { CheckAbility, CurrentPrincipal, type Principal } from '@marketplace/auth';
import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { createdAtCursor, pageOf } from '@marketplace/service-kit';
import {
  DEFAULT_PAGE_SIZE,
  onboardingSchema,
  StartPayoutOnboardingInput,
  transferPageSchema,
} from './payout.inputs';
import {
  PayoutAccount,
  PayoutOnboarding,
  SellerTransferConnection,
  toPayoutAccount,
  toSellerTransfer,
} from './payout.model';
import { PayoutService } from './payout.service';

/** Seller owners: payout onboarding, account status and transfers of their own tenant. */
@Resolver()
export class PayoutResolver {
  constructor(private readonly payouts: PayoutService) {}

  @CheckAbility('manage', 'Payout')
  @Mutation(() => PayoutOnboarding, {
    description:
      "Creates (or reuses) the tenant's Express payout account and returns a provider onboarding link.",
  })
  async startPayoutOnboarding(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: StartPayoutOnboardingInput,
  ): Promise<PayoutOnboarding> {
    const links = onboardingSchema.parse(input);
    const { account, url } = await this.payouts.startOnboarding(links, principal.email);
    return { account: toPayoutAccount(account), url };
  }

  @CheckAbility('read', 'Payout')
  @Query(() => PayoutAccount, {
    nullable: true,
    description: "The tenant's payout account; null before onboarding.",
  })
  async payoutAccount(): Promise<PayoutAccount | null> {
    const row = await this.payouts.account();
    return row ? toPayoutAccount(row) : null;
  }

  @CheckAbility('read', 'Payout')
  @Query(() => SellerTransferConnection, { description: "The tenant's transfers, oldest first." })
  async payoutTransfers(
    @Args('first', { type: () => Int, defaultValue: DEFAULT_PAGE_SIZE }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<SellerTransferConnection> {
    const page = transferPageSchema.parse({ first, ...(after ? { after } : {}) });
    const rows = await this.payouts.transfers(
      page.first + 1,
      page.after ? createdAtCursor.decode(page.after) : undefined,
    );
    const transfers = pageOf(rows, page.first, createdAtCursor.encode);
    return { nodes: transfers.nodes.map(toSellerTransfer), pageInfo: transfers.pageInfo };
  }
}
