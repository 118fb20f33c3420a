// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// OpenCV's image codecs (cv::imdecode, imencode, imread, imwrite), loaded when first used.
//
// Debian's libopencv_imgcodecs brings 139 shared libraries with it (GDAL, DICOM, HEIF, OpenEXR and their
// dependencies). Linking it made every start of cropdeck cost about 80 ms in the dynamic loader, more than
// half of a dense batch of 10,000 small crops, although CropDeck decodes and encodes JPEG and PNG itself
// and needs OpenCV's codecs only for the other formats. So on Linux core does not link it: the first call
// here dlopen()s it (by its SONAME, found through the executable's RUNPATH and the system's library paths,
// then by the path it was built against) and looks up these four functions. Installers must ship or
// depend on it although `ldd cropdeck` does not list it. Elsewhere the functions are linked as usual.
//
// Same signatures and results as OpenCV's functions. If the library or one of its functions cannot be
// loaded, each call throws std::runtime_error saying so (callers already catch OpenCV's exceptions).
// Thread-safe.

#include <opencv2/core.hpp>

#include <string>
#include <vector>

namespace cropdeck::codecs {

cv::Mat imdecode(cv::InputArray buffer, int flags);
bool imencode(const std::string& extension, cv::InputArray image, std::vector<uchar>& buffer,
              const std::vector<int>& params = {});
cv::Mat imread(const std::string& path, int flags);
bool imwrite(const std::string& path, cv::InputArray image, const std::vector<int>& params = {});

// Whether this build loads the codecs on first use (Linux) rather than at start.
bool loadedOnFirstUse();

} // namespace cropdeck::codecs
