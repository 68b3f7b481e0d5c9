import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: "One service's confirmed part of a tenant export." })
export class TenantExportPart {
  @Field()
  service!: string;

  @Field(() => Int, { description: 'Records (and copied objects) the service wrote.' })
  records!: number;
}

@ObjectType({ description: 'An export of everything a seller owns, assembled into one tar.gz archive.' })
export class TenantExport {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  tenantId!: string;

  @Field()
  requestedAt!: Date;

  @Field(() => Int, { description: 'Services that must write their part.' })
  partsExpected!: number;

  @Field(() => [String], { description: 'The services that must write their part, by name.' })
  servicesExpected!: string[];

  @Field(() => [TenantExportPart], { description: 'Services that confirmed their part so far.' })
  parts!: TenantExportPart[];

  @Field(() => Date, { nullable: true, description: 'When the archive was assembled.' })
  completedAt!: Date | null;

  @Field(() => Int, { nullable: true })
  archiveBytes!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'A short-lived download link of the finished archive.',
  })
  downloadUrl!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the download link stops working.' })
  downloadUrlExpiresAt!: Date | null;
}

@ObjectType({ description: "One service's confirmation that it holds nothing of the tenant any more." })
export class TenantDeletionConfirmation {
  @Field()
  service!: string;

  @Field(() => Date, { nullable: true, description: 'Null while the service has not confirmed.' })
  confirmedAt!: Date | null;

  @Field(() => Int, { description: 'Rows, documents, keys and objects deleted.' })
  deleted!: number;

  @Field(() => Int, { description: 'Rows kept for what law requires, anonymized (ADR 0038).' })
  anonymized!: number;
}

@ObjectType({ description: "A tenant's deletion across every service." })
export class TenantDeletion {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  tenantId!: string;

  @Field()
  reason!: string;

  @Field()
  requestedAt!: Date;

  @Field(() => String, { nullable: true })
  requestedBy!: string | null;

  @Field(() => [TenantDeletionConfirmation], { description: 'Every expected service, confirmed or not.' })
  services!: TenantDeletionConfirmation[];

  @Field(() => Date, {
    nullable: true,
    description: 'When the last service confirmed: the tenant is deleted.',
  })
  completedAt!: Date | null;
}
