# SPDX-License-Identifier: GPL-3.0-or-later
# Output encoding and atomic writes (included from this folder's CMakeLists.txt).
target_sources(cropdeck_core PRIVATE
    Encoder.h Encoder.cpp
    AtomicFileParts.h
    AtomicFileWriter.h AtomicFileWriter.cpp
    AtomicFileGroup.h AtomicFileGroup.cpp)
