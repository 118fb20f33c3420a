// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/jpeg/JpegRestartDecoder.h"

#include "io/jpeg/JpegHeader.h"
#include "io/jpeg/JpegRegionDecoder.h"
#include "io/jpeg/JpegRestartStream.h"
#include "io/jpeg/ThreadScratch.h"

namespace cropdeck {

namespace {

struct StreamTag {};

} // namespace

bool jpegRestartAccessUseful(QByteArrayView data, const DecodeRequest& request) {
    const std::optional<jpeg::JpegLayout> layout = jpeg::parseJpegLayout(data);
    return layout && jpeg::planRestartAccess(*layout, request).has_value();
}

Result<DecodedRegion> decodeJpegRegionFromRestart(QByteArrayView data, const DecodeRequest& request,
                                                  const QString& pathForMessages) {
    const std::optional<jpeg::JpegLayout> layout = jpeg::parseJpegLayout(data);
    const std::optional<jpeg::RestartPlan> plan =
        layout ? jpeg::planRestartAccess(*layout, request) : std::optional<jpeg::RestartPlan>();
    jpeg::ThreadScratch<StreamTag> stream;
    if (!plan || !jpeg::buildRestartStream(data, *layout, *plan, stream.buffer()))
        return decodeJpegRegion(data, request, pathForMessages);

    DecodeRequest shifted = request;
    shifted.region.translate(-plan->columnOffset, -plan->rowOffset);
    const std::vector<unsigned char>& bytes = stream.buffer();
    Result<DecodedRegion> decoded =
        decodeJpegRegion(QByteArrayView(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size())),
                         shifted, pathForMessages);
    if (!decoded.ok())
        return decoded;
    decoded->region = request.region;
    decoded->scaledRegion.translate(plan->columnOffset / request.scaleDenom,
                                    plan->rowOffset / request.scaleDenom);
    decoded->decoder = "jpeg-restart";
    return decoded;
}

} // namespace cropdeck
