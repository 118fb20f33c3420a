// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Test images for the io/ tests: seeded, natural-looking content (gradients, edges and noise, so PNG
// filters and JPEG blocks see realistic data), and writers for files OpenCV cannot produce (PNG variants
// through libpng, hand-built BMP, TIFF and JPEG structures).

#include <QByteArray>
#include <QRect>
#include <QString>
#include <QtGlobal>

#include <opencv2/core/mat.hpp>

#include <array>
#include <vector>

namespace cropdeck::test {

// An image of the given size, channel count (1..4) and depth (CV_8U or CV_16U), deterministic per seed.
cv::Mat makeTestImage(int width, int height, int channels, int depth, unsigned seed);

// Seeded windows inside a width×height image: the whole image, the four corner pixels, the last row and
// column, then `count` random rectangles of every shape (thin, wide, tall, tiny).
std::vector<QRect> testWindows(int width, int height, int count, unsigned seed);

bool writeBytes(const QString& path, const QByteArray& bytes);
QByteArray readBytes(const QString& path);

// cv::imwrite with parameters; false when OpenCV refuses.
bool writeWithOpenCv(const QString& path, const cv::Mat& image, const std::vector<int>& params = {});

// PNG written with libpng: colorType/bitDepth as in IHDR; `image` holds the samples to write (for
// palette images, 1-channel indices). Optional palette (RGB triples), tRNS bytes (palette) or a tRNS
// gray/RGB value (trnsValue >= 0), Adam7 interlace, and an eXIf chunk.
struct PngSpec {
    int colorType = 2;
    int bitDepth = 8;
    bool interlaced = false;
    std::vector<unsigned char> palette;   // r,g,b,...
    std::vector<unsigned char> trnsAlpha; // palette alphas
    int trnsValue = -1;                   // gray level (or R=G=B) made transparent
    QByteArray exif;                      // eXIf payload (TIFF blob)
};
bool writePngWithLibpng(const QString& path, const cv::Mat& samples, const PngSpec& spec);

// A PNG chunk with length and CRC.
QByteArray pngChunk(const char type[4], const QByteArray& data);

// A BMP with BITMAPINFOHEADER (or the header size given: 12, 40, 108, 124), rows bottom-up or top-down.
// `image`: 1 channel = palette indices (with `paletteBgr` entries as B,G,R) for bitCount 1/4/8;
// for bitCount 16/24/32 its bytes are the stored pixel bytes (2, 3 or 4 channels). compression BI_RGB (0)
// or BI_BITFIELDS (3), with `masks` inside v2+ headers or after a 40-byte header.
struct BmpSpec {
    int headerSize = 40;
    int bitCount = 24;
    int compression = 0;
    bool topDown = false;
    std::vector<unsigned char> paletteBgr; // b,g,r,...
    int colorsUsed = 0;
    std::array<quint32, 4> masks = {0x00FF0000, 0x0000FF00, 0x000000FF, 0xFF000000}; // R, G, B, A
};
QByteArray makeBmp(const cv::Mat& image, const BmpSpec& spec);

// An uncompressed single-strip TIFF (8 or 16 bits, 1/3/4 samples, RGB(A) in file order), in either byte
// order, with an Orientation tag when orientation > 0.
QByteArray makeTiff(const cv::Mat& rgbSamples, bool littleEndian, int orientation);

// A minimal TIFF-structured EXIF blob whose IFD0 holds an Orientation entry of the given field type
// (3 = SHORT, 4 = LONG, 9 = SLONG...) and value, preceded by `entriesBefore` dummy entries.
QByteArray makeExifBlob(bool littleEndian, int orientation, int fieldType = 3, int entriesBefore = 0);

// A TIFF-structured EXIF blob with IFD0 (Orientation) linked to IFD1, whose JPEGInterchangeFormat and
// JPEGInterchangeFormatLength tags point at `thumbnailJpeg`, stored after IFD1 (as cameras write it).
QByteArray makeExifBlobWithThumbnail(bool littleEndian, int orientation, const QByteArray& thumbnailJpeg);

// JPEG marker segment: FF <marker> <length> <payload>.
QByteArray jpegSegment(int marker, const QByteArray& payload);

} // namespace cropdeck::test
