"""Photos for the web, through Pillow: checked on the way in, oriented, stripped and sized on the way out.

`decode` opens a picture safely (known types only, no decompression bombs, HEIC when pillow-heif is
installed); `variants` makes the web copies (EXIF orientation applied, every metadata block dropped,
sRGB, resized, WebP or JPEG); `cache` keeps each copy once by what made it; `batch` makes the missing
ones of a whole export on worker processes. Nothing here knows about the library or Qt.
"""
