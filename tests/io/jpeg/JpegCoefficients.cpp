// SPDX-License-Identifier: GPL-3.0-or-later
#include "JpegCoefficients.h"

#include <csetjmp>
#include <cstdio>
#include <jpeglib.h>

namespace cropdeck::test {

namespace {

struct Errors {
    jpeg_error_mgr pub;
    std::jmp_buf jump;
};

void errorExit(j_common_ptr info) {
    std::longjmp(reinterpret_cast<Errors*>(info->err)->jump, 1);
}

CoefficientPlane readPlane(jpeg_decompress_struct& info, jvirt_barray_ptr array, int c) {
    const jpeg_component_info& component = info.comp_info[c];
    CoefficientPlane plane;
    plane.widthInBlocks = int(component.width_in_blocks);
    plane.heightInBlocks = int(component.height_in_blocks);
    plane.h = component.h_samp_factor;
    plane.v = component.v_samp_factor;
    for (int i = 0; i < 64; ++i)
        plane.quant[size_t(i)] = component.quant_table->quantval[i];
    for (int by = 0; by < plane.heightInBlocks; ++by) {
        JBLOCKARRAY row = info.mem->access_virt_barray(reinterpret_cast<j_common_ptr>(&info), array,
                                                       JDIMENSION(by), 1, FALSE);
        for (int bx = 0; bx < plane.widthInBlocks; ++bx) {
            Block block;
            for (int i = 0; i < 64; ++i)
                block[size_t(i)] = row[0][bx][i];
            plane.blocks.push_back(block);
        }
    }
    return plane;
}

CoefficientPlane withGrid(const CoefficientPlane& from, int width, int height, int h, int v) {
    CoefficientPlane plane;
    plane.widthInBlocks = width;
    plane.heightInBlocks = height;
    plane.h = h;
    plane.v = v;
    plane.quant = from.quant;
    plane.blocks.resize(size_t(width) * size_t(height));
    return plane;
}

} // namespace

std::vector<CoefficientPlane> readCoefficients(const QByteArray& jpeg) {
    jpeg_decompress_struct info{};
    Errors errors;
    info.err = jpeg_std_error(&errors.pub);
    errors.pub.error_exit = errorExit;
    std::vector<CoefficientPlane> planes;
    if (setjmp(errors.jump) != 0) {
        jpeg_destroy_decompress(&info);
        return {};
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, reinterpret_cast<const unsigned char*>(jpeg.constData()),
                 static_cast<unsigned long>(jpeg.size()));
    jpeg_read_header(&info, TRUE);
    jvirt_barray_ptr* arrays = jpeg_read_coefficients(&info);
    for (int c = 0; c < info.num_components; ++c)
        planes.push_back(readPlane(info, arrays[c], c));
    jpeg_destroy_decompress(&info);
    return planes;
}

CoefficientPlane transposePlane(const CoefficientPlane& in) {
    CoefficientPlane out = withGrid(in, in.heightInBlocks, in.widthInBlocks, in.v, in.h);
    for (int i = 0; i < 64; ++i)
        out.quant[size_t(i)] = in.quant[size_t(8 * (i % 8) + i / 8)];
    for (int by = 0; by < out.heightInBlocks; ++by)
        for (int bx = 0; bx < out.widthInBlocks; ++bx) {
            Block& block = out.blocks[size_t(by) * size_t(out.widthInBlocks) + size_t(bx)];
            const Block& source = in.at(by, bx);
            for (int i = 0; i < 64; ++i)
                block[size_t(i)] = source[size_t(8 * (i % 8) + i / 8)];
        }
    return out;
}

// Mirroring a block negates its odd horizontal (u) or vertical (v) frequencies.
CoefficientPlane flipPlaneHorizontally(const CoefficientPlane& in) {
    CoefficientPlane out = withGrid(in, in.widthInBlocks, in.heightInBlocks, in.h, in.v);
    for (int by = 0; by < out.heightInBlocks; ++by)
        for (int bx = 0; bx < out.widthInBlocks; ++bx) {
            Block& block = out.blocks[size_t(by) * size_t(out.widthInBlocks) + size_t(bx)];
            block = in.at(in.widthInBlocks - 1 - bx, by);
            for (int i = 0; i < 64; ++i)
                if ((i % 8) % 2 == 1)
                    block[size_t(i)] = short(-block[size_t(i)]);
        }
    return out;
}

CoefficientPlane flipPlaneVertically(const CoefficientPlane& in) {
    CoefficientPlane out = withGrid(in, in.widthInBlocks, in.heightInBlocks, in.h, in.v);
    for (int by = 0; by < out.heightInBlocks; ++by)
        for (int bx = 0; bx < out.widthInBlocks; ++bx) {
            Block& block = out.blocks[size_t(by) * size_t(out.widthInBlocks) + size_t(bx)];
            block = in.at(bx, in.heightInBlocks - 1 - by);
            for (int i = 0; i < 64; ++i)
                if ((i / 8) % 2 == 1)
                    block[size_t(i)] = short(-block[size_t(i)]);
        }
    return out;
}

CoefficientPlane orientPlane(const CoefficientPlane& plane, int orientation) {
    switch (orientation) {
    case 2:
        return flipPlaneHorizontally(plane);
    case 3:
        return flipPlaneVertically(flipPlaneHorizontally(plane));
    case 4:
        return flipPlaneVertically(plane);
    case 5:
        return transposePlane(plane);
    case 6:
        return flipPlaneHorizontally(transposePlane(plane));
    case 7:
        return flipPlaneVertically(flipPlaneHorizontally(transposePlane(plane)));
    case 8:
        return flipPlaneVertically(transposePlane(plane));
    default:
        return plane;
    }
}

} // namespace cropdeck::test
