import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ImportJobDocument } from './import-job.document';

@ObjectType('ImportRowError')
export class ImportRowErrorModel {
  @Field(() => Int, { description: '1-based data row (the header row is 0).' })
  row!: number;
  @Field() column!: string;
  @Field() message!: string;
}

@ObjectType('ProductImportJob')
export class ImportJobModel {
  @Field(() => ID) id!: string;
  @Field() status!: string;
  @Field(() => Int) total!: number;
  @Field(() => Int) processed!: number;
  @Field(() => Int, { description: 'Products created.' }) created!: number;
  @Field(() => [ImportRowErrorModel])
  errors!: ImportRowErrorModel[];
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;
}

export function toImportJobModel(job: ImportJobDocument): ImportJobModel {
  return {
    id: job._id,
    status: job.status,
    total: job.total,
    processed: job.processed,
    created: job.created,
    errors: job.errors,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
  };
}
