import { HttpClient, HttpEventType } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Api } from '@marketplace/web-portal';

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
/** The media service's default limit for product pictures (MEDIA_MAX_PRODUCT_IMAGE_BYTES). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

const CREATE_UPLOAD = `mutation CreateUpload($input: CreateUploadInput!) {
  createUpload(input: $input) { mediaId uploadUrl headers { name value } }
}`;
const COMPLETE_UPLOAD = `mutation CompleteUpload($id: ID!) { completeUpload(mediaId: $id) { id status rejectionReason } }`;

const MEDIA = `query Media($id: ID!) { media(id: $id) { id filename variants { name url } } }`;

/** Longest alt text of a product picture (the catalog's limit). */
export const MAX_ALT_LENGTH = 250;
// Control and text-direction characters: invisible, and able to make a text read other than it is; the catalog
// refuses them.
const UNDISPLAYABLE = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/** Why an alt text cannot be saved, or '' when it can. */
export function altProblem(alt: string): string {
  if (alt.trim().length > MAX_ALT_LENGTH) return `Alt text must be at most ${MAX_ALT_LENGTH} characters.`;
  if (UNDISPLAYABLE.test(alt))
    return 'Alt text must not contain line breaks, control or text-direction characters.';
  return '';
}

/** Why a file cannot be a product picture, or '' when it can. */
export function imageProblem(file: { type: string; size: number; name: string }): string {
  if (!IMAGE_TYPES.includes(file.type)) return `${file.name} is not a JPEG, PNG or WebP picture.`;
  if (file.size > MAX_IMAGE_BYTES)
    return `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; pictures may be at most 10 MB.`;
  if (file.size === 0) return `${file.name} is empty.`;
  return '';
}

/** Uploads a picture straight to storage with the media service's presigned URL, reporting progress 0–100. */
@Injectable({ providedIn: 'root' })
export class ImageUploader {
  private readonly api = inject(Api);
  private readonly http = inject(HttpClient);

  /** An uploaded picture's file name and thumbnail URL (null while it has none), as its owner sees it. */
  async thumbnail(id: string): Promise<{ filename: string | null; url: string | null }> {
    const { media } = await this.api.request<{
      media: { filename: string | null; variants: { name: string; url: string }[] };
    }>(MEDIA, { id });
    const variant = media.variants.find((v) => v.name.toLowerCase() === 'thumbnail') ?? media.variants[0];
    return { filename: media.filename, url: variant?.url ?? null };
  }

  async upload(file: File, progress: (percent: number) => void): Promise<string> {
    const { createUpload } = await this.api.request<{
      createUpload: { mediaId: string; uploadUrl: string; headers: { name: string; value: string }[] };
    }>(CREATE_UPLOAD, {
      input: { purpose: 'PRODUCT_IMAGE', contentType: file.type, sizeBytes: file.size, filename: file.name },
    });
    // The browser sets Content-Length itself; the signature binds the one declared above.
    const headers = Object.fromEntries(
      createUpload.headers
        .filter((h) => h.name.toLowerCase() !== 'content-length')
        .map((h) => [h.name, h.value]),
    );
    await new Promise<void>((resolve, reject) => {
      this.http
        .put(createUpload.uploadUrl, file, {
          headers,
          reportProgress: true,
          observe: 'events',
          responseType: 'text',
        })
        .subscribe({
          next: (event) => {
            if (event.type === HttpEventType.UploadProgress && event.total)
              progress(Math.round((event.loaded / event.total) * 100));
          },
          error: () => reject(new Error(`The upload of ${file.name} to storage failed. Try again.`)),
          complete: () => resolve(),
        });
    });
    progress(100);
    const { completeUpload } = await this.api.request<{
      completeUpload: { id: string; status: string; rejectionReason: string | null };
    }>(COMPLETE_UPLOAD, { id: createUpload.mediaId });
    if (completeUpload.status === 'REJECTED')
      throw new Error(`${file.name} was refused: ${completeUpload.rejectionReason ?? 'not a valid picture'}`);
    return completeUpload.id;
  }
}
