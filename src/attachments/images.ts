import type { Sharp, SharpConstructor } from 'sharp';

let loading: Promise<SharpConstructor> | undefined;

/**
 * sharp (libvips) is loaded on the first photo, not at start-up: it adds about 20 MB to a
 * process that may never receive one. Its cache is turned off as it loads: every upload and
 * thumbnail is a different picture, so the cache would only hold memory.
 */
function loadSharp(): Promise<SharpConstructor> {
  loading ??= import('sharp').then(({ default: sharp }) => {
    sharp.cache(false);
    return sharp;
  });
  return loading;
}

/** Largest picture we decode (about a 100-megapixel photo); beyond that it is refused, not decoded. */
const MAX_PIXELS = 100_000_000;
/** Longest side of a thumbnail, in pixels. */
export const THUMBNAIL_SIZE = 320;

export type PhotoFormat = 'jpeg' | 'png' | 'webp' | 'gif';

/**
 * Makes sure a photo decodes and carries no location: when it has EXIF, XMP or IPTC metadata
 * (where cameras put GPS coordinates) it is re-encoded without any, turned upright first as its
 * EXIF orientation said. Returns 'clean' (store the file as it is), 'stripped' (store `out`),
 * or 'damaged'.
 */
export async function removeLocation(
  path: string,
  format: PhotoFormat,
  out: string,
): Promise<'clean' | 'stripped' | 'damaged'> {
  try {
    const sharp = await loadSharp();
    const input = () => sharp(path, { animated: true, limitInputPixels: MAX_PIXELS });
    const meta = await input().metadata();
    // A full decode of a small version: a file whose header is fine but whose body is not fails here.
    await sharp(path, { limitInputPixels: MAX_PIXELS }).resize(64, 64, { fit: 'inside' }).raw().toBuffer();
    if (!meta.exif && !meta.xmp && !meta.iptc) return 'clean';
    const pages = meta.pages ?? 1;
    const upright = pages > 1 ? input() : input().rotate();
    // sharp writes no metadata unless asked to, so the re-encoded file has neither EXIF nor XMP.
    const encoded =
      // Huffman optimisation would hold every DCT coefficient of the photo in memory (~140 MB
      // for 11 megapixels instead of ~25 MB, measured in the bench); the file is a little larger.
      format === 'jpeg'
        ? upright.jpeg({ quality: 92, chromaSubsampling: '4:4:4', optimiseCoding: false })
        : format === 'png'
          ? upright.png()
          : format === 'webp'
            ? upright.webp({ quality: 92 })
            : upright.gif();
    await encoded.toFile(out);
    return 'stripped';
  } catch {
    return 'damaged';
  }
}

/** A transform stream turning an image into a small WebP thumbnail (first frame of an animation). */
export async function thumbnailTransformer(): Promise<Sharp> {
  const sharp = await loadSharp();
  return sharp({ limitInputPixels: MAX_PIXELS })
    .rotate()
    .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80 });
}
