import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { FormControl, FormGroup, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTree, MatTreeModule } from '@angular/material/tree';
import { Api, fieldError, messageOf } from '@marketplace/web-portal';
import { type Category, type CategoryNode, categoryTree, moveTargets } from './category-tree';

const FIELDS = 'id name slug parentId path';
const LIST = `query Categories { categories { ${FIELDS} } }`;
const CREATE = `mutation CreateCategory($input: CreateCategoryInput!, $reason: String) {
  createCategory(input: $input, reason: $reason) { ${FIELDS} }
}`;
const RENAME = `mutation RenameCategory($input: RenameCategoryInput!, $reason: String) {
  renameCategory(input: $input, reason: $reason) { ${FIELDS} }
}`;
const MOVE = `mutation MoveCategory($id: ID!, $parentId: ID, $reason: String) {
  moveCategory(id: $id, parentId: $parentId, reason: $reason) { ${FIELDS} }
}`;
const DELETE = `mutation DeleteCategory($id: ID!, $reason: String) { deleteCategory(id: $id, reason: $reason) { id } }`;
/** The parent select's value for "no parent". */
const TOP = '';

/**
 * The platform's category tree (catalog service): pick a category in the tree (arrow keys move, Enter picks, →/←
 * open and close), then rename, move or delete it, or add a new one. Every change is audited with the reason.
 */
@Component({
  selector: 'ap-categories-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTreeModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Categories</h1>
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading categories" />
    }
    @if (error(); as message) {
      <p class="error" role="alert" data-testid="error">{{ message }}</p>
    }
    @if (done(); as message) {
      <p class="notice" role="status" data-testid="done">{{ message }}</p>
    }
    <div class="layout">
      <section aria-labelledby="tree-caption">
        <h2 id="tree-caption">Tree</h2>
        @if (!loading() && roots().length === 0) {
          <p class="notice" data-testid="empty">No categories yet: add the first one.</p>
        }
        <mat-tree
          #tree
          [dataSource]="roots()"
          [childrenAccessor]="childrenOf"
          [expansionKey]="keyOf"
          [trackBy]="trackById"
          aria-label="Categories"
          data-testid="category-tree"
        >
          <mat-tree-node
            *matTreeNodeDef="let node"
            matTreeNodePadding
            [isExpandable]="node.children.length > 0"
            [cdkTreeNodeTypeaheadLabel]="node.name"
            [class.selected]="node.id === selectedId()"
            [attr.aria-selected]="node.id === selectedId()"
            [attr.data-category]="node.name"
            (activation)="select(node)"
            (click)="select(node)"
          >
            @if (node.children.length > 0) {
              <button
                mat-icon-button
                matTreeNodeToggle
                type="button"
                tabindex="-1"
                [attr.aria-label]="(tree.isExpanded(node) ? 'Close ' : 'Open ') + node.name"
              >
                <span aria-hidden="true">{{ tree.isExpanded(node) ? '▾' : '▸' }}</span>
              </button>
            } @else {
              <span class="leaf" aria-hidden="true"></span>
            }
            <span class="name">{{ node.name }}</span>
          </mat-tree-node>
        </mat-tree>
      </section>

      <section aria-labelledby="edit-caption" class="panel">
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>Reason (for the audit log)</mat-label>
          <input matInput [formControl]="reason" data-testid="category-reason" />
          <mat-hint>Recorded with every change below.</mat-hint>
          @if (reason.invalid) {
            <mat-error>{{ reasonError() }}</mat-error>
          }
        </mat-form-field>

        @if (selected(); as s) {
          <h2 id="edit-caption">Edit “{{ s.label }}”</h2>
          <form [formGroup]="renameForm" (ngSubmit)="rename(s)" class="row" aria-label="Rename the category">
            <mat-form-field>
              <mat-label>Name</mat-label>
              <input matInput formControlName="name" data-testid="rename-name" />
              @if (renameForm.controls.name.invalid) {
                <mat-error>{{ nameError(renameForm.controls.name) }}</mat-error>
              }
            </mat-form-field>
            <button mat-flat-button type="submit" [disabled]="busy()" data-testid="rename">Rename</button>
          </form>
          <form [formGroup]="moveForm" (ngSubmit)="move(s)" class="row" aria-label="Move the category">
            <mat-form-field>
              <mat-label>Parent</mat-label>
              <mat-select formControlName="parentId" data-testid="move-parent">
                <mat-option [value]="top">Top level</mat-option>
                @for (c of targets(); track c.id) {
                  <mat-option [value]="c.id">{{ c.label }}</mat-option>
                }
              </mat-select>
              <mat-hint>Its subcategories and products move with it.</mat-hint>
            </mat-form-field>
            <button mat-flat-button type="submit" [disabled]="busy()" data-testid="move">Move</button>
          </form>
          <div class="actions">
            <button
              mat-stroked-button
              type="button"
              (click)="remove(s)"
              [disabled]="busy()"
              data-testid="delete"
            >
              Delete “{{ s.name }}”
            </button>
            <span class="hint">Refused while products or subcategories use it.</span>
          </div>
        } @else {
          <h2 id="edit-caption">Edit</h2>
          <p class="notice" data-testid="pick">Pick a category in the tree to rename, move or delete it.</p>
        }

        <h2 id="create-caption">New category</h2>
        <form
          #createDirective="ngForm"
          [formGroup]="createForm"
          (ngSubmit)="create(createDirective)"
          class="row"
          aria-labelledby="create-caption"
        >
          <mat-form-field>
            <mat-label>Name</mat-label>
            <input matInput formControlName="name" data-testid="create-name" />
            @if (createForm.controls.name.invalid && createForm.controls.name.touched) {
              <mat-error>{{ nameError(createForm.controls.name) }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Under</mat-label>
            <mat-select formControlName="parentId" data-testid="create-parent">
              <mat-option [value]="top">Top level</mat-option>
              @for (c of labelled(); track c.id) {
                <mat-option [value]="c.id">{{ c.label }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <button mat-flat-button type="submit" [disabled]="busy()" data-testid="create">Add</button>
        </form>
      </section>
    </div>
  `,
  styles: `
    .layout {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(0, 1.2fr);
      gap: 24px;
    }
    @media (max-width: 799.98px) {
      .layout {
        grid-template-columns: minmax(0, 1fr);
      }
    }
    mat-tree-node {
      cursor: pointer;
      border-radius: 8px;
    }
    mat-tree-node.selected {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .leaf {
      display: inline-block;
      width: 40px;
    }
    .name {
      overflow-wrap: anywhere;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 12px;
      align-items: flex-start;
    }
    .row mat-form-field {
      flex: 1 1 220px;
    }
    .row button {
      margin-top: 8px;
    }
    .hint {
      font: var(--mat-sys-body-small);
    }
  `,
})
export class CategoriesPage {
  private readonly api = inject(Api);
  private readonly tree = viewChild<MatTree<CategoryNode, string>>('tree');
  protected readonly top = TOP;
  protected readonly categories = signal<Category[]>([]);
  protected readonly roots = computed(() => categoryTree(this.categories()));
  /** Every category with its full name, by full name: the options of the parent selects. */
  protected readonly labelled = computed(() => {
    const all: CategoryNode[] = [];
    const walk = (nodes: CategoryNode[]) =>
      nodes.forEach((node) => {
        all.push(node);
        walk(node.children);
      });
    walk(this.roots());
    return all;
  });
  protected readonly selectedId = signal<string | null>(null);
  protected readonly selected = computed(
    () => this.labelled().find((node) => node.id === this.selectedId()) ?? null,
  );
  protected readonly targets = computed(() => {
    const moving = this.selected();
    if (!moving) return [];
    const allowed = new Set(moveTargets(this.categories(), moving).map((category) => category.id));
    return this.labelled().filter((node) => allowed.has(node.id));
  });
  protected readonly loading = signal(true);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly done = signal<string | null>(null);
  protected readonly reason = new FormControl('', {
    nonNullable: true,
    validators: Validators.maxLength(1000),
  });
  private readonly name = () =>
    new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100)] });
  protected readonly renameForm = new FormGroup({ name: this.name() });
  protected readonly moveForm = new FormGroup({ parentId: new FormControl(TOP, { nonNullable: true }) });
  protected readonly createForm = new FormGroup({
    name: this.name(),
    parentId: new FormControl(TOP, { nonNullable: true }),
  });

  protected readonly childrenOf = (node: CategoryNode) => node.children;
  protected readonly keyOf = (node: CategoryNode) => node.id;
  protected readonly trackById = (_: number, node: CategoryNode) => node.id;

  constructor() {
    void this.load(true);
  }

  protected reasonError(): string {
    return fieldError(this.reason, 'Reason');
  }

  protected nameError(control: FormControl<string>): string {
    return fieldError(control, 'Name');
  }

  protected select(node: CategoryNode): void {
    this.selectedId.set(node.id);
    this.renameForm.setValue({ name: node.name });
    this.moveForm.setValue({ parentId: node.parentId ?? TOP });
    this.done.set(null);
    this.error.set(null);
  }

  protected async rename(category: CategoryNode): Promise<void> {
    if (this.renameForm.invalid) return;
    const name = this.renameForm.controls.name.value.trim();
    await this.run(RENAME, { input: { id: category.id, name } }, `renamed “${category.name}” to “${name}”`);
  }

  protected async move(category: CategoryNode): Promise<void> {
    const parentId = this.moveForm.controls.parentId.value || null;
    const where = parentId
      ? `under “${this.labelled().find((c) => c.id === parentId)?.label}”`
      : 'to the top level';
    await this.run(MOVE, { id: category.id, parentId }, `moved “${category.name}” ${where}`);
  }

  protected async remove(category: CategoryNode): Promise<void> {
    const deleted = await this.run(DELETE, { id: category.id }, `deleted “${category.name}”`);
    if (deleted) this.selectedId.set(null);
  }

  protected async create(form: FormGroupDirective): Promise<void> {
    this.createForm.markAllAsTouched();
    if (this.createForm.invalid) return;
    const { name, parentId } = this.createForm.getRawValue();
    const created = await this.run(
      CREATE,
      { input: { name: name.trim(), parentId: parentId || null } },
      `added “${name.trim()}”`,
    );
    // resetForm also forgets the submission, so the emptied name is not shown as an error.
    if (created) form.resetForm({ name: '', parentId });
  }

  /** Runs a change with the reason; the tree is read again afterwards. True when it succeeded. */
  private async run(mutation: string, variables: Record<string, unknown>, what: string): Promise<boolean> {
    if (this.reason.invalid) return false;
    this.busy.set(true);
    this.done.set(null);
    this.error.set(null);
    try {
      await this.api.request(mutation, { ...variables, reason: this.reason.value.trim() || null });
      this.done.set(`Done: ${what}.`);
      this.reason.reset();
      await this.load(false);
      return true;
    } catch (error) {
      this.error.set(messageOf(error));
      return false;
    } finally {
      this.busy.set(false);
    }
  }

  private reveal(): void {
    const tree = this.tree();
    const selected = this.selected();
    if (!tree || !selected) return;
    for (const id of selected.path) {
      const ancestor = this.labelled().find((node) => node.id === id);
      if (ancestor) tree.expand(ancestor);
    }
  }

  private async load(first: boolean): Promise<void> {
    try {
      const { categories } = await this.api.request<{ categories: Category[] }>(LIST);
      this.categories.set(categories);
      // The whole tree is open at first; later loads keep what the admin opened or closed (expansionKey) and open
      // the way to the category being edited (after a move, its new parents).
      setTimeout(() => (first ? this.tree()?.expandAll() : this.reveal()));
    } catch (error) {
      this.error.set(messageOf(error));
    } finally {
      this.loading.set(false);
    }
  }
}
