# SPDX-License-Identifier: GPL-3.0-or-later
# CPack configuration. Installers per OS come with the packaging issue; this keeps `cpack` working.
set(CPACK_PACKAGE_NAME "cropdeck")
set(CPACK_PACKAGE_VENDOR "CropDeck")
set(CPACK_PACKAGE_CONTACT "CropDeck developers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_GENERATOR "TGZ")
include(CPack)
