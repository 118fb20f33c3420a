# SPDX-License-Identifier: GPL-3.0-or-later
# Tests of output encoding and atomic writes (included from this folder's CMakeLists.txt).
cropdeck_add_test(test_encoder test_encoder.cpp)
target_link_libraries(test_encoder PRIVATE PkgConfig::TURBOJPEG) # the reference bytes (tjCompress2)
cropdeck_add_test(test_atomic_writer test_atomic_writer.cpp)
cropdeck_add_test(test_atomic_file_group test_atomic_file_group.cpp)
