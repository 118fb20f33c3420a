// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/OpenCvCodecs.h"

#include <opencv2/imgcodecs.hpp>

#if CROPDECK_LAZY_IMGCODECS
#include <dlfcn.h>
#include <stdexcept>
#include <type_traits>
#endif

namespace cropdeck::codecs {

#if CROPDECK_LAZY_IMGCODECS

#if !defined(__GLIBCXX__) || !_GLIBCXX_USE_CXX11_ABI
#error                                                                                                       \
    "loading imgcodecs on first use needs libstdc++'s C++11 ABI; configure with -DCROPDECK_LAZY_IMGCODECS=OFF"
#endif

namespace {

using ImdecodeFunction = cv::Mat (*)(cv::InputArray, int);
using ImencodeFunction = bool (*)(const cv::String&, cv::InputArray, std::vector<uchar>&,
                                  const std::vector<int>&);
using ImreadFunction = cv::Mat (*)(const cv::String&, int);
using ImwriteFunction = bool (*)(const cv::String&, cv::InputArray, const std::vector<int>&);

// Each type must name an overload that the headers declare, or this does not compile. The operands are
// not evaluated, so nothing here refers to the library.
static_assert(std::is_same_v<decltype(static_cast<ImdecodeFunction>(&cv::imdecode)), ImdecodeFunction>);
static_assert(std::is_same_v<decltype(static_cast<ImencodeFunction>(&cv::imencode)), ImencodeFunction>);
static_assert(std::is_same_v<decltype(static_cast<ImreadFunction>(&cv::imread)), ImreadFunction>);
static_assert(std::is_same_v<decltype(static_cast<ImwriteFunction>(&cv::imwrite)), ImwriteFunction>);

// The same declarations' symbol names (Itanium C++ ABI, cv::String = std::string of the C++11 ABI).
// test_opencv_codecs calls each through here and compares with the linked function.
constexpr const char* kImdecodeSymbol = "_ZN2cv8imdecodeERKNS_11_InputArrayEi";
constexpr const char* kImencodeSymbol =
    "_ZN2cv8imencodeERKNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEEE"
    "RKNS_11_InputArrayERSt6vectorIhSaIhEERKSB_IiSaIiEE";
constexpr const char* kImreadSymbol = "_ZN2cv6imreadERKNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEEEi";
constexpr const char* kImwriteSymbol = "_ZN2cv7imwriteERKNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEEE"
                                       "RKNS_11_InputArrayERKSt6vectorIiSaIiEE";

struct Codecs {
    ImdecodeFunction imdecode = nullptr;
    ImencodeFunction imencode = nullptr;
    ImreadFunction imread = nullptr;
    ImwriteFunction imwrite = nullptr;
    std::string problem; // why they are missing
};

std::string lastLoaderError() {
    const char* text = ::dlerror();
    return text ? std::string(text) : std::string("unknown reason");
}

Codecs load() {
    Codecs codecs;
    // By SONAME first, so that a relocated install finds the copy beside it.
    void* library = ::dlopen(CROPDECK_IMGCODECS_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const std::string bySoname = lastLoaderError();
        library = ::dlopen(CROPDECK_IMGCODECS_PATH, RTLD_NOW | RTLD_LOCAL);
        if (!library) {
            codecs.problem = "cannot load OpenCV's image codecs: " + bySoname;
            return codecs;
        }
    }
    // Never closed: the library stays for the life of the process, like a linked one.
    bool complete = true;
    const auto find = [&](const char* symbol) {
        void* address = ::dlsym(library, symbol);
        if (!address && complete) {
            complete = false;
            codecs.problem = "OpenCV's image codecs (" CROPDECK_IMGCODECS_SONAME ") lack " +
                             std::string(symbol) + ": " + lastLoaderError();
        }
        return address;
    };
    codecs.imdecode = reinterpret_cast<ImdecodeFunction>(find(kImdecodeSymbol));
    codecs.imencode = reinterpret_cast<ImencodeFunction>(find(kImencodeSymbol));
    codecs.imread = reinterpret_cast<ImreadFunction>(find(kImreadSymbol));
    codecs.imwrite = reinterpret_cast<ImwriteFunction>(find(kImwriteSymbol));
    if (!complete)
        codecs = Codecs{nullptr, nullptr, nullptr, nullptr, codecs.problem}; // all or none
    return codecs;
}

template <typename Function> Function resolved(Function Codecs::*member) {
    static const Codecs codecs = load(); // once per process, thread-safe
    if (!(codecs.*member))
        throw std::runtime_error(codecs.problem);
    return codecs.*member;
}

} // namespace

cv::Mat imdecode(cv::InputArray buffer, int flags) {
    return resolved(&Codecs::imdecode)(buffer, flags);
}

bool imencode(const std::string& extension, cv::InputArray image, std::vector<uchar>& buffer,
              const std::vector<int>& params) {
    return resolved(&Codecs::imencode)(extension, image, buffer, params);
}

cv::Mat imread(const std::string& path, int flags) {
    return resolved(&Codecs::imread)(path, flags);
}

bool imwrite(const std::string& path, cv::InputArray image, const std::vector<int>& params) {
    return resolved(&Codecs::imwrite)(path, image, params);
}

bool loadedOnFirstUse() {
    return true;
}

#else

cv::Mat imdecode(cv::InputArray buffer, int flags) {
    return cv::imdecode(buffer, flags);
}

bool imencode(const std::string& extension, cv::InputArray image, std::vector<uchar>& buffer,
              const std::vector<int>& params) {
    return cv::imencode(extension, image, buffer, params);
}

cv::Mat imread(const std::string& path, int flags) {
    return cv::imread(path, flags);
}

bool imwrite(const std::string& path, cv::InputArray image, const std::vector<int>& params) {
    return cv::imwrite(path, image, params);
}

bool loadedOnFirstUse() {
    return false;
}

#endif

} // namespace cropdeck::codecs
