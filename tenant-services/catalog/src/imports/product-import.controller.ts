import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CheckAbility, CurrentPrincipal, type Principal } from '@marketplace/auth';
import { z } from 'zod';
import { ValidationError } from '@marketplace/observability';
import { CSV_COLUMNS } from './csv-product-row';
import { ImportJobModel, toImportJobModel } from './import-job.model';
import { ProductImportService } from './product-import.service';

const jobIdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an import job id');

@ApiTags('product import')
@ApiBearerAuth()
@Controller('api/v1/products/import')
export class ProductImportController {
  constructor(@Inject(ProductImportService) private readonly imports: ProductImportService) {}

  @CheckAbility('create', 'Product')
  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Starts a bulk import of products from CSV',
    description: `Body: a text/csv document, header row first. Columns: ${CSV_COLUMNS.join(', ')}. One row = one product with one variant; prices in minor units; attributes as "name=value;name=value"; images as media ids separated by "|"; status draft (default) or published.`,
  })
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: { type: 'string', example: 'title,currency,sku,price_minor\nLinen shirt,EUR,LS-1,4900\n' },
  })
  @ApiAcceptedResponse({
    type: ImportJobModel,
    description: 'The job; poll GET /api/v1/products/import/{id}.',
  })
  async start(@Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<ImportJobModel> {
    if (typeof body !== 'string')
      throw new ValidationError('Send the CSV as the request body with content-type text/csv');
    return toImportJobModel(await this.imports.start(body, principal.userId));
  }

  @CheckAbility('read', 'Product')
  @Get(':id')
  @ApiOperation({ summary: 'Progress and per-row error report of an import job' })
  @ApiOkResponse({ type: ImportJobModel })
  async status(@Param('id') id: string): Promise<ImportJobModel> {
    return toImportJobModel(await this.imports.get(jobIdSchema.parse(id)));
  }
}
