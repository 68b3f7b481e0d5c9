import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import {
  FormArray,
  FormBuilder,
  ReactiveFormsModule,
  Validators,
  type AbstractControl,
  type FormGroup,
  FormControl,
  type ValidationErrors,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { Api, fieldError, formatMoney, messageOf, priceValidator, toMinor } from '@marketplace/web-portal';
import { sessionFeature } from '../../session/session.store';
import { refusedPath, showRefusalAtField } from '../../shared/refusals';
import { altProblem, imageProblem, ImageUploader } from './image-upload';
import {
  MAX_OPTION_VALUE_LENGTH,
  MAX_OPTION_VALUES,
  MAX_OPTIONS,
  optionDrafts,
  optionProblems,
  optionsInput,
} from './product-options';
import {
  type Category,
  categoryChoices,
  PRODUCT_DETAIL_FIELDS as EDITOR_FIELDS,
  type ProductDetail as EditedProduct,
} from './products.models';

const CURRENCIES = ['EUR', 'USD', 'GBP', 'SEK', 'DKK', 'NOK', 'CHF', 'PLN'];
const PRODUCT = `query Product($id: ID!) { myProduct(id: $id) { ${EDITOR_FIELDS} } }`;
const CREATE = `mutation Create($input: CreateProductInput!) { createProduct(input: $input) { ${EDITOR_FIELDS} } }`;
const UPDATE = `mutation Update($id: ID!, $input: UpdateProductInput!) {
  updateProduct(id: $id, input: $input) { ${EDITOR_FIELDS} }
}`;
const TRANSITIONS = {
  publish: `mutation Publish($id: ID!) { publishProduct(id: $id) { ${EDITOR_FIELDS} } }`,
  archive: `mutation Archive($id: ID!) { archiveProduct(id: $id) { ${EDITOR_FIELDS} } }`,
};

const altValidator = (control: AbstractControl<string>): ValidationErrors | null => {
  const problem = altProblem(control.value ?? '');
  return problem ? { message: problem } : null;
};
const DELETE = `mutation Delete($id: ID!) { deleteProduct(id: $id) }`;
const CATEGORIES = `query Categories { categories { id name parentId } }`;

interface ImageSlot {
  /** Media id once uploaded. */
  id: string | null;
  name: string;
  progress: number;
  /** What the seller sees of the picture: the chosen file while it uploads, else the stored thumbnail. */
  preview: string | null;
  /** The picture's alt text, moved with it when reordered. */
  alt: FormControl<string>;
}

type AttributeRow = FormGroup<{
  name: FormControl<string>;
  value: FormControl<string>;
}>;

type OptionRow = FormGroup<{
  name: FormControl<string>;
  /** The value being typed; it joins `values` on Enter, a comma or leaving the field. */
  draft: FormControl<string>;
  values: FormControl<string[]>;
}>;

type VariantRow = FormGroup<{
  /** One value per option row, in the options' order ('' until chosen). */
  choices: FormArray<FormControl<string>>;
  sku: FormControl<string>;
  price: FormControl<string>;
  compareAt: FormControl<string>;
}>;

/** A compare-at price ("was") must be above the price, as the catalog checks. */
const compareAtValidator = (row: AbstractControl): ValidationErrors | null => {
  const group = row as VariantRow;
  const compareAt = group.controls.compareAt;
  const raw = compareAt.value.trim();
  if (
    !raw ||
    priceValidator(compareAt) ||
    priceValidator(group.controls.price) ||
    !group.controls.price.value.trim()
  )
    return null;
  const above = toMinor(raw) > toMinor(group.controls.price.value);
  const current = compareAt.errors;
  if (!above) compareAt.setErrors({ ...current, message: 'Compare-at price must be above the price.' });
  else if (current?.['message'] === 'Compare-at price must be above the price.') compareAt.setErrors(null);
  return null;
};

/**
 * Creates and edits a product: details, category, attributes, up to 3 options (e.g. Size, Colour) with their values,
 * variants choosing a value of each (SKU, price, compare-at price), pictures in order.
 */
@Component({
  selector: 'sp-product-editor-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
    MatProgressBarModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './product-editor.page.html',
  styleUrl: './product-editor.page.scss',
})
export class ProductEditorPage implements OnInit {
  /** Route parameter; absent for a new product. */
  readonly id = input<string>();

  private readonly api = inject(Api);
  private readonly uploader = inject(ImageUploader);
  private readonly router = inject(Router);
  private readonly fb = inject(FormBuilder).nonNullable;
  private readonly tenant = inject(Store).selectSignal(sessionFeature.selectTenant);

  protected readonly currencies = CURRENCIES;
  protected readonly maxOptions = MAX_OPTIONS;
  /** A problem of the options as a whole (several variants, no option), shown under the options. */
  protected readonly optionsError = signal('');
  protected readonly product = signal<EditedProduct | null>(null);
  protected readonly images = signal<ImageSlot[]>([]);
  protected readonly imageError = signal('');
  protected readonly failure = signal('');
  protected readonly saved = signal('');
  protected readonly busy = signal(false);
  protected readonly uploading = computed(() => this.images().some((image) => image.id === null));
  protected readonly categories = signal<{ id: string; depth: number; path: string }[]>([]);
  protected readonly categoriesFailed = signal('');

  protected readonly form = this.fb.group({
    title: ['', [Validators.required, Validators.maxLength(200)]],
    description: ['', [Validators.maxLength(5000)]],
    currency: ['EUR', [Validators.required]],
    categoryId: [''],
    attributes: this.fb.array<AttributeRow>([]),
    options: this.fb.array<OptionRow>([]),
    variants: this.fb.array<VariantRow>([]),
  });

  get variants(): FormArray<VariantRow> {
    return this.form.controls.variants;
  }

  get attributes(): FormArray<AttributeRow> {
    return this.form.controls.attributes;
  }

  get options(): FormArray<OptionRow> {
    return this.form.controls.options;
  }

  ngOnInit(): void {
    void this.loadCategories();
    const id = this.id();
    const notice = (window.history.state as { notice?: unknown } | null)?.notice;
    if (typeof notice === 'string') this.saved.set(notice);
    if (id) void this.load(id);
    else {
      this.form.controls.currency.setValue(this.tenant()?.defaultCurrency ?? 'EUR');
      this.addVariant();
    }
  }

  protected error(control: Parameters<typeof fieldError>[0], label: string): string {
    return fieldError(control, label);
  }

  protected addVariant(
    choices: string[] = this.options.controls.map(() => ''),
    sku = '',
    price = '',
    compareAt = '',
  ): void {
    this.variants.push(
      this.fb.group(
        {
          choices: this.fb.array(choices.map((choice) => this.fb.control(choice))),
          sku: [
            sku,
            [
              Validators.required,
              Validators.maxLength(64),
              Validators.pattern(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
            ],
          ],
          price: [price, [Validators.required, priceValidator]],
          compareAt: [compareAt, [priceValidator]],
        },
        { validators: [compareAtValidator] },
      ),
    );
  }

  protected addOption(name = '', values: string[] = []): void {
    if (this.options.length >= MAX_OPTIONS) return;
    this.optionsError.set('');
    this.options.push(
      this.fb.group({
        name: [name, [Validators.maxLength(50)]],
        draft: [''],
        values: this.fb.control<string[]>(values),
      }),
    );
    for (const row of this.variants.controls) row.controls.choices.push(this.fb.control(''));
  }

  protected removeOption(index: number): void {
    this.options.removeAt(index);
    for (const row of this.variants.controls) row.controls.choices.removeAt(index);
  }

  /** The label of an option row's fields: its name once given. */
  protected optionLabel(index: number): string {
    return this.options.at(index)?.controls.name.value.trim() || `Option ${index + 1}`;
  }

  /** Enter or a comma in an option's value field adds the value typed (and submits nothing). */
  protected valueKey(index: number, event: KeyboardEvent): void {
    if (event.key !== 'Enter' && event.key !== ',') return;
    event.preventDefault();
    this.addValue(index);
  }

  /** The value typed into an option's value field: added once, refused at the field when too long or too many. */
  protected addValue(index: number): void {
    const { draft, values } = this.options.at(index).controls;
    const value = draft.value.trim();
    if (!value) return;
    draft.markAsTouched();
    if (value.length > MAX_OPTION_VALUE_LENGTH) {
      draft.setErrors({ message: `A value may be at most ${MAX_OPTION_VALUE_LENGTH} characters.` });
      return;
    }
    if (!values.value.includes(value) && values.value.length >= MAX_OPTION_VALUES) {
      draft.setErrors({ message: `An option may have at most ${MAX_OPTION_VALUES} values.` });
      return;
    }
    draft.setValue('');
    if (!values.value.includes(value)) values.setValue([...values.value, value]);
  }

  /** Removes a value; variants that chose it have to choose again. */
  protected removeValue(index: number, value: string): void {
    const control = this.options.at(index).controls.values;
    control.setValue(control.value.filter((v) => v !== value));
    for (const row of this.variants.controls) {
      const choice = row.controls.choices.at(index);
      if (choice?.value === value) choice.setValue('');
    }
  }

  protected addAttribute(name = '', value = ''): void {
    this.attributes.push(
      this.fb.group({
        name: [name, [Validators.required, Validators.maxLength(50), Validators.pattern(/^[^=]*$/)]],
        value: [value, [Validators.required, Validators.maxLength(100)]],
      }),
    );
  }

  protected removeAttribute(index: number): void {
    this.attributes.removeAt(index);
  }

  protected attributeError(control: Parameters<typeof fieldError>[0], label: string): string {
    if (control?.hasError('pattern')) return `${label} must not contain "=".`;
    return fieldError(control, label);
  }

  protected removeVariant(index: number): void {
    this.variants.removeAt(index);
  }

  protected async addImages(input: HTMLInputElement): Promise<void> {
    this.imageError.set('');
    const files = [...(input.files ?? [])];
    input.value = '';
    const problems = files.map(imageProblem).filter(Boolean);
    if (problems.length) {
      this.imageError.set(problems.join(' '));
      return;
    }
    await Promise.all(files.map((file) => this.uploadOne(file)));
  }

  private slot(id: string | null, name: string, alt: string, preview: string | null): ImageSlot {
    return {
      id,
      name,
      progress: id ? 100 : 0,
      preview,
      alt: new FormControl(alt, { nonNullable: true, validators: [altValidator] }),
    };
  }

  private async uploadOne(file: File): Promise<void> {
    const slot = this.slot(null, file.name, '', URL.createObjectURL(file));
    this.images.update((list) => [...list, slot]);
    const replace = (next: ImageSlot | null) =>
      this.images.update((list) =>
        next ? list.map((item) => (item === current ? next : item)) : list.filter((item) => item !== current),
      );
    let current = slot;
    try {
      const id = await this.uploader.upload(file, (progress) => {
        const next = { ...current, progress };
        replace(next);
        current = next;
      });
      const done = { ...current, id, progress: 100 };
      replace(done);
      current = done;
    } catch (error) {
      replace(null);
      URL.revokeObjectURL(current.preview ?? '');
      this.imageError.set(messageOf(error));
    }
  }

  protected moveImage(index: number, by: -1 | 1): void {
    this.images.update((list) => {
      const next = [...list];
      const [item] = next.splice(index, 1);
      if (item) next.splice(index + by, 0, item);
      return next;
    });
  }

  protected removeImage(index: number): void {
    const removed = this.images()[index];
    if (removed?.preview?.startsWith('blob:')) URL.revokeObjectURL(removed.preview);
    this.images.update((list) => list.filter((_, i) => i !== index));
  }

  protected altError(alt: FormControl<string>): string {
    return fieldError(alt, 'Alt text');
  }

  protected price(minor: number): string {
    return formatMoney(minor, this.product()?.currency ?? 'EUR');
  }

  /** Shows each problem of the options at its field; true when there is none. */
  private checkOptions(): boolean {
    this.optionsError.set('');
    const problems = optionProblems(this.options.getRawValue(), this.variants.getRawValue());
    for (const problem of problems) {
      const control =
        problem.at === 'option-name'
          ? this.options.at(problem.option).controls.name
          : problem.at === 'option-values'
            ? this.options.at(problem.option).controls.draft
            : problem.at === 'choice'
              ? this.variants.at(problem.variant).controls.choices.at(problem.option)
              : null;
      if (control) control.setErrors({ ...control.errors, message: problem.message });
      else this.optionsError.set(problem.message);
    }
    return problems.length === 0;
  }

  protected async save(): Promise<void> {
    this.failure.set('');
    this.saved.set('');
    // A value still typed in an option's field counts, as if Enter had been pressed.
    this.options.controls.forEach((_, index) => this.addValue(index));
    const rows = this.variants.getRawValue();
    this.checkOptions();
    const alts = this.images().map((image) => image.alt);
    if (this.form.invalid || rows.length === 0 || alts.some((alt) => alt.invalid)) {
      this.form.markAllAsTouched();
      alts.forEach((alt) => alt.markAsTouched());
      if (rows.length === 0) this.failure.set('Add at least one variant.');
      return;
    }
    if (this.optionsError()) return;
    const { title, description, currency, categoryId, attributes, options } = this.form.getRawValue();
    const input = {
      title: title.trim(),
      description: description.trim(),
      currency,
      ...(categoryId ? { categoryId } : {}),
      attributes: attributes.map((row) => ({ name: row.name.trim(), value: row.value.trim() })),
      ...optionsInput(options, rows),
      images: this.images().flatMap((image) => (image.id ? [image.id] : [])),
      imageAlts: this.images().flatMap((image) => (image.id ? [image.alt.value.trim()] : [])),
    };
    this.busy.set(true);
    try {
      const current = this.product();
      if (current) {
        const { updateProduct } = await this.api.request<{ updateProduct: EditedProduct }>(UPDATE, {
          id: current.id,
          input,
        });
        this.show(updateProduct);
        this.saved.set('Saved.');
      } else {
        const { createProduct } = await this.api.request<{ createProduct: EditedProduct }>(CREATE, { input });
        this.show(createProduct);
        // The product's own address opens a new editor; the notice travels in the navigation state.
        await this.router.navigate(['/products', createProduct.id], {
          replaceUrl: true,
          state: { notice: 'Product created as a draft. Publish it when it is ready.' },
        });
      }
    } catch (error) {
      if (!showRefusalAtField(error, (message) => this.refusedField(message)))
        this.failure.set(messageOf(error));
    } finally {
      this.busy.set(false);
    }
  }

  /** The field a refusal of the catalog concerns: by its path, or the variant whose SKU is already used. */
  private refusedField(message: string): AbstractControl | null {
    const [field, index, part] = refusedPath(message).split('.');
    if (field === 'title' || field === 'description') return this.form.controls[field];
    const row = index === undefined ? undefined : this.variants.at(Number(index));
    if (field === 'variants' && row)
      return part === 'sku'
        ? row.controls.sku
        : part === 'priceMinor'
          ? row.controls.price
          : part === 'compareAtMinor'
            ? row.controls.compareAt
            : part === 'optionValues'
              ? (row.controls.choices.at(0) ?? null)
              : null;
    const option = index === undefined ? undefined : this.options.at(Number(index));
    if (field === 'options' && option) return part === 'name' ? option.controls.name : option.controls.draft;
    const attribute = index === undefined ? undefined : this.attributes.at(Number(index));
    if (field === 'attributes' && attribute)
      return part === 'name' ? attribute.controls.name : attribute.controls.value;
    if (/SKU .* already used/.test(message))
      return (
        this.variants.controls.find((r) => message.includes(r.controls.sku.value.trim()))?.controls.sku ??
        null
      );
    return null;
  }

  protected async transition(action: keyof typeof TRANSITIONS): Promise<void> {
    const current = this.product();
    if (!current) return;
    this.failure.set('');
    this.saved.set('');
    this.busy.set(true);
    try {
      const data = await this.api.request<Record<string, EditedProduct>>(TRANSITIONS[action], {
        id: current.id,
      });
      const product = Object.values(data)[0];
      if (product) this.show(product);
      this.saved.set(action === 'publish' ? 'Published: buyers can find it now.' : 'Archived.');
    } catch (error) {
      this.failure.set(messageOf(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected async remove(): Promise<void> {
    const current = this.product();
    if (!current || !window.confirm(`Delete ${current.title}? This cannot be undone.`)) return;
    try {
      await this.api.request(DELETE, { id: current.id });
      await this.router.navigateByUrl('/products');
    } catch (error) {
      this.failure.set(messageOf(error));
    }
  }

  private async loadCategories(): Promise<void> {
    try {
      const { categories } = await this.api.request<{ categories: Category[] }>(CATEGORIES);
      this.categories.set(categoryChoices(categories));
    } catch (error) {
      this.categoriesFailed.set(`Categories could not be loaded: ${messageOf(error)}`);
    }
  }

  private async load(id: string): Promise<void> {
    try {
      const { myProduct } = await this.api.request<{ myProduct: EditedProduct }>(PRODUCT, { id });
      this.show(myProduct);
    } catch (error) {
      this.failure.set(messageOf(error));
    }
  }

  private show(product: EditedProduct): void {
    this.product.set(product);
    this.form.patchValue({
      title: product.title,
      description: product.description,
      currency: product.currency,
      categoryId: product.categoryId ?? '',
    });
    this.attributes.clear();
    for (const attribute of product.attributes) this.addAttribute(attribute.name, attribute.value);
    // Every option, value and variant as stored (the catalog keeps up to 3 options), so saving drops nothing.
    const drafts = optionDrafts(product);
    this.variants.clear();
    this.options.clear();
    for (const option of drafts.options) this.addOption(option.name, option.values);
    for (const variant of drafts.variants)
      this.addVariant(variant.choices, variant.sku, variant.price, variant.compareAt);
    // A picture already shown keeps its name and preview (the chosen file's, right after an upload).
    const shown = new Map(this.images().map((slot) => [slot.id, slot]));
    this.images.set(
      product.images.map((id, index) =>
        this.slot(
          id,
          shown.get(id)?.name ?? `Picture ${index + 1}`,
          product.imageAlts[index] ?? '',
          shown.get(id)?.preview ?? null,
        ),
      ),
    );
    void this.loadThumbnails();
  }

  /** Each stored picture's thumbnail and file name; a picture without them keeps its placeholder. */
  private async loadThumbnails(): Promise<void> {
    await Promise.all(
      this.images().map(async (slot) => {
        if (!slot.id || slot.preview) return;
        const found = await this.uploader.thumbnail(slot.id).catch(() => null);
        if (!found) return;
        this.images.update((list) =>
          list.map((item) =>
            item === slot
              ? { ...item, name: found.filename ?? item.name, preview: found.url ?? item.preview }
              : item,
          ),
        );
      }),
    );
  }
}
