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
