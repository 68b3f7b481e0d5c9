import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { CheckAbility, CurrentPrincipal, type Principal } from '@marketplace/auth';
import { ValidationError } from '@marketplace/observability';
import { RestController, RestRoute } from '@marketplace/rest';
import { z } from 'zod';
import { CSV_COLUMNS } from './csv-product-row';
import { toImportJobModel } from './import-job.model';
import { importJobResource, toImportJobResource, type ImportJobResource } from './import-job.resource';
import { ProductImportService } from './product-import.service';

const jobIdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an import job id');

@RestController('product import')
@Controller('api/v1/products/import')
export class ProductImportController {
  constructor(@Inject(ProductImportService) private readonly imports: ProductImportService) {}

  @CheckAbility('create', 'Product')
  @Post()
  @HttpCode(202)
  @RestRoute({
    operationId: 'startProductImport',
    summary: 'Starts a bulk import of products from CSV',
    description: `Body: a text/csv document, header row first. Columns: ${CSV_COLUMNS.join(', ')}. One row per variant: rows with the same product key are one product (its product-level cells read from its first row), a row without one is a product of its own; prices in minor units; attributes as "name=value;name=value"; options as "Size=S|M;Colour=Black|Red"; option_values (the variant's) as "Size=M;Colour=Red"; images as media ids separated by "|"; image_alts as the alt text of each image in the same order, separated by "|" (at most 250 characters each, empty for none); a backslash escapes ";", "=", "|" and itself inside these cells; status draft (default), published or archived.`,
    response: {
      status: 202,
      schema: importJobResource,
      description: 'The job; poll GET /api/v1/catalog/products/import/{id}.',
    },
    idempotent: true,
  })
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: { type: 'string', example: 'title,currency,sku,price_minor\nLinen shirt,EUR,LS-1,4900\n' },
  })
  async start(@Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<ImportJobResource> {
    if (typeof body !== 'string')
      throw new ValidationError('Send the CSV as the request body with content-type text/csv');
    return toImportJobResource(toImportJobModel(await this.imports.start(body, principal.userId)));
  }

  @CheckAbility('read', 'Product')
  @Get(':id')
  @RestRoute({
    operationId: 'getProductImport',
    summary: 'Progress and per-row error report of an import job',
    params: { id: 'Import job id.' },
    response: { status: 200, schema: importJobResource },
    problems: [404],
  })
  async status(@Param('id') id: string): Promise<ImportJobResource> {
    return toImportJobResource(toImportJobModel(await this.imports.get(jobIdSchema.parse(id))));
  }
}
