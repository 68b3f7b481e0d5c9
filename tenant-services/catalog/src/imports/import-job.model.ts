import { ApiProperty } from '@nestjs/swagger';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ImportJobDocument } from './import-job.document';

@ObjectType('ImportRowError')
export class ImportRowErrorModel {
  @ApiProperty({ description: '1-based data row (the header row is 0).' })
  @Field(() => Int)
  row!: number;
  @ApiProperty() @Field() column!: string;
  @ApiProperty() @Field() message!: string;
}

@ObjectType('ProductImportJob')
export class ImportJobModel {
  @ApiProperty() @Field(() => ID) id!: string;
  @ApiProperty({ enum: ['running', 'completed', 'failed'] }) @Field() status!: string;
  @ApiProperty() @Field(() => Int) total!: number;
  @ApiProperty() @Field(() => Int) processed!: number;
  @ApiProperty({ description: 'Products created.' }) @Field(() => Int) created!: number;
  @ApiProperty({ type: [ImportRowErrorModel] })
  @Field(() => [ImportRowErrorModel])
  errors!: ImportRowErrorModel[];
  @ApiProperty() @Field() createdAt!: Date;
  @ApiProperty({ nullable: true, type: Date })
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
