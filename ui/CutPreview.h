// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the batch will cut of each window of the image the canvas shows, under the Batch dock's settings.
// Every answer is core's: inspectWindow() (the call a dry run makes per window) for what is cut, and
// losslessGrid() for the MCU grid edits snap to. The canvas draws it (WindowItem), the window table
// words it (the "bounds" column). A plain value: the canvas and the table each hold a copy.

#include "batch/PlanInspection.h"
#include "engine/CropSettings.h"
#include "geometry/McuGrid.h"
#include "io/ImageInfo.h"

#include <QColor>
#include <QList>
#include <QRectF>
#include <QSize>
#include <QString>

#include <optional>

namespace cropdeck::ui {

// A part of a window outside the image. `across` parts are the bands above and below the image (full
// window width); the others lie left or right of it.
struct OutsidePart {
    QRectF rect;
    bool across = false;
    bool operator==(const OutsidePart&) const = default;
};

// The parts of `window` outside `image` (none when it lies inside; the whole window when it misses it).
[[nodiscard]] QList<OutsidePart> partsOutside(const QRectF& window, const QRectF& image);

// How one window is drawn: the batch's answer turned into rectangles of the scene (the boxes' coordinates).
struct WindowCut {
    enum class Kind { None, Crop, Skip, Error };
    Kind kind = Kind::None; // None: no preview (no settings or image header yet)
    BoundsPolicy policy = BoundsPolicy::Clip;
    QRectF window;              // after margin, aspect and fixed size, before the bounds policy
    QRectF cut;                 // the pixels read (inside the image); empty for Skip and Error
    QList<OutsidePart> outside; // window parts outside the image: cut off (Clip), filled (Pad), ...
    QColor padColour;           // Pad with a constant colour
    bool edgePad = false;       // Pad by repeating the edge pixels
    QString note;               // why it is skipped or an error
    // The rectangle the output shows: the window for Pad (padding included), else the cut.
    QRectF output() const { return policy == BoundsPolicy::Pad ? window : cut; }
};

class CutPreview {
public:
    CutPreview() = default; // inactive: nothing drawn, no column text, no snapping
    CutPreview(const CropSettings& settings, const ImageInfo& info);

    bool isActive() const { return m_active; }
    const CropSettings& settings() const { return m_settings; }
    // The image in the boxes' coordinates (upright unless the boxes refer to the stored pixels).
    QSize imageSize() const { return m_imageSize; }
    // Fixed-size windows (--size): adding by click places one, resizing is off.
    QSize fixedSize() const {
        return m_active && !m_settings.fixedSize.isEmpty() ? m_settings.fixedSize : QSize();
    }
    // The grid edits snap to: lossless output of a JPEG.
    const std::optional<McuGrid>& grid() const { return m_grid; }

    [[nodiscard]] InspectedWindow inspect(const CropWindow& window) const;
    [[nodiscard]] WindowCut cutOf(const CropWindow& window) const;
    // The window table's words: "inside", "clipped to 0,20 30×30", "shifted to …", "padded: …",
    // "skipped: …", "error: …"; empty when inactive.
    [[nodiscard]] QString boundsText(const CropWindow& window) const;

    // `box` as an edit leaves it: on the MCU grid when there is one (the position only for fixed-size
    // windows, whose size is not the box's); unchanged otherwise.
    [[nodiscard]] QRectF snapped(const QRectF& box) const;

private:
    bool m_active = false;
    CropSettings m_settings;
    ImageInfo m_info;
    QSize m_imageSize;
    std::optional<McuGrid> m_grid;
};

} // namespace cropdeck::ui
