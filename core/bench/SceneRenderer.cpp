// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/SceneRenderer.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace cropdeck::bench {

namespace {

constexpr int kWorkLongSide = 1000; // composition resolution; detail above it comes from the noise pass
constexpr int kNoiseTile = 1031;    // sensor noise repeats with this period (odd, so not on the 8×8 grid)
constexpr double kPi = 3.14159265358979323846;

// Smooth random field in about [-1, 1] with `cells` features across the long side.
cv::Mat smoothNoise(cv::Size size, int cells, cv::RNG& rng) {
    const double unit = double(std::max(size.width, size.height)) / cells;
    const int gw = std::max(2, int(std::ceil(size.width / unit)) + 1);
    const int gh = std::max(2, int(std::ceil(size.height / unit)) + 1);
    cv::Mat grid(gh, gw, CV_32F);
    rng.fill(grid, cv::RNG::UNIFORM, -1.0, 1.0);
    cv::Mat field;
    cv::resize(grid, field, size, 0, 0, cv::INTER_CUBIC);
    return field;
}

// Several octaves, halving the amplitude as the feature count grows: the 1/f look of natural scenes.
cv::Mat octaveNoise(cv::Size size, cv::RNG& rng) {
    cv::Mat sum = cv::Mat::zeros(size, CV_32F);
    double amplitude = 0.55;
    for (int cells = 3; cells <= 96; cells *= 3, amplitude *= 0.55)
        cv::scaleAdd(smoothNoise(size, cells, rng), amplitude, sum, sum);
    return sum;
}

cv::Vec3f jitter(cv::Vec3f colour, double amount, cv::RNG& rng) {
    for (int c = 0; c < 3; ++c)
        colour[c] = float(std::clamp(colour[c] + rng.uniform(-amount, amount), 0.0, 255.0));
    return colour;
}

cv::Vec3f hsvColour(double hue, double saturation, double value) {
    cv::Mat hsv(1, 1, CV_32FC3, cv::Scalar(hue, saturation, value)), bgr;
    cv::cvtColor(hsv, bgr, cv::COLOR_HSV2BGR);
    return bgr.at<cv::Vec3f>(0, 0) * 255.0f;
}

// One directional low-frequency wave, evaluated separably: sin(a + b) = sin a cos b + cos a sin b.
struct Wave {
    std::vector<float> sx, cx, sy, cy;
    Wave(cv::Size size, double periods, cv::RNG& rng) {
        const double angle = rng.uniform(0.0, kPi);
        const double k = 2 * kPi * periods / std::max(size.width, size.height);
        const double phase = rng.uniform(0.0, 2 * kPi);
        for (int x = 0; x < size.width; ++x) {
            sx.push_back(float(std::sin(k * std::cos(angle) * x + phase)));
            cx.push_back(float(std::cos(k * std::cos(angle) * x + phase)));
        }
        for (int y = 0; y < size.height; ++y) {
            sy.push_back(float(std::sin(k * std::sin(angle) * y)));
            cy.push_back(float(std::cos(k * std::sin(angle) * y)));
        }
    }
    float at(int x, int y) const { return sx[x] * cy[y] + cx[x] * sy[y]; }
};

// Sky (vertical gradient + clouds) above a wavy horizon, textured ground below, soft transition.
void paintLandscape(cv::Mat& work, cv::RNG& rng) {
    const cv::Size size = work.size();
    const double horizon = rng.uniform(0.3, 0.6) * size.height;
    const double swell = rng.uniform(0.02, 0.08) * size.height;
    const Wave hills(size, rng.uniform(0.7, 2.0), rng);
    const Wave furrows(size, rng.uniform(4.0, 9.0), rng);
    const cv::Mat clouds = smoothNoise(size, 5, rng);
    const cv::Mat relief = octaveNoise(size, rng);
    cv::Mat grain(size, CV_32F);
    rng.fill(grain, cv::RNG::NORMAL, 0.0, 1.0);
    const cv::Vec3f skyTop = jitter({170, 110, 60}, 30, rng);
    const cv::Vec3f skyLow = jitter({235, 215, 195}, 20, rng);
    const cv::Vec3f ground =
        hsvColour(rng.uniform(30.0, 120.0), rng.uniform(0.3, 0.7), rng.uniform(0.35, 0.6));

    for (int y = 0; y < size.height; ++y) {
        cv::Vec3f* row = work.ptr<cv::Vec3f>(y);
        for (int x = 0; x < size.width; ++x) {
            const double edge = horizon + swell * hills.at(x, 0);
            const float t = float(std::clamp((y - edge) / 3.0 + 0.5, 0.0, 1.0)); // 0 sky, 1 ground
            const float v = float(std::clamp(y / std::max(edge, 1.0), 0.0, 1.0));
            const cv::Vec3f sky = skyTop * (1 - v) + skyLow * v +
                                  cv::Vec3f::all(std::max(0.0f, clouds.at<float>(y, x)) * 45.0f) +
                                  cv::Vec3f::all(grain.at<float>(y, x) * 0.8f);
            const float shade = 0.8f + 0.3f * relief.at<float>(y, x) + 0.06f * furrows.at(x, y);
            const cv::Vec3f land = ground * shade + cv::Vec3f::all(grain.at<float>(y, x) * 4.0f);
            row[x] = sky * (1 - t) + land * t;
        }
    }
}

std::vector<cv::Point> polygonPoints(cv::Point2d centre, double radius, cv::RNG& rng) {
    const int count = rng.uniform(5, 9);
    const double start = rng.uniform(0.0, 2 * kPi);
    std::vector<cv::Point> points;
    for (int i = 0; i < count; ++i) {
        const double angle = start + (i + rng.uniform(-0.3, 0.3)) * 2 * kPi / count;
        const double r = radius * rng.uniform(0.6, 1.0);
        points.emplace_back(cv::Point2d(centre.x + r * std::cos(angle), centre.y + r * std::sin(angle)));
    }
    return points;
}

// Draws one soft-edged, shaded shape; returns its tight box in work pixels (empty when off-canvas).
cv::Rect paintObject(cv::Mat& work, bool ellipse, cv::RNG& rng) {
    const cv::Size size = work.size();
    const double minSide = std::min(size.width, size.height);
    const cv::Point2d centre(rng.uniform(0.12, 0.88) * size.width, rng.uniform(0.12, 0.88) * size.height);
    const double radius = rng.uniform(0.05, 0.16) * minSide;
    cv::Mat mask = cv::Mat::zeros(size, CV_8U);
    if (ellipse) {
        const cv::Size axes(int(radius), int(radius * rng.uniform(0.45, 1.0)));
        cv::ellipse(mask, cv::Point(centre), axes, rng.uniform(0.0, 180.0), 0, 360, cv::Scalar(255),
                    cv::FILLED, cv::LINE_AA);
    } else {
        const std::vector<std::vector<cv::Point>> polygon{polygonPoints(centre, radius, rng)};
        cv::fillPoly(mask, polygon, cv::Scalar(255), cv::LINE_AA);
    }
    const cv::Rect box = cv::boundingRect(mask);
    if (box.empty())
        return box;
    const cv::Rect roi = (box + cv::Size(8, 8) - cv::Point(4, 4)) & cv::Rect(cv::Point(), size);
    cv::Mat soft;
    cv::GaussianBlur(mask(roi), soft, cv::Size(0, 0), 1.2);

    const cv::Vec3f colour =
        hsvColour(rng.uniform(0.0, 360.0), rng.uniform(0.4, 0.9), rng.uniform(0.45, 0.95));
    const double light = rng.uniform(0.0, 2 * kPi);
    const cv::Point2f lightDir(float(std::cos(light) / radius), float(std::sin(light) / radius));
    for (int y = 0; y < roi.height; ++y) {
        cv::Vec3f* row = work.ptr<cv::Vec3f>(roi.y + y) + roi.x;
        const uchar* alpha = soft.ptr<uchar>(y);
        for (int x = 0; x < roi.width; ++x) {
            const float a = alpha[x] / 255.0f;
            const float lit = 0.85f + 0.3f * (float(roi.x + x - centre.x) * lightDir.x +
                                              float(roi.y + y - centre.y) * lightDir.y);
            row[x] = row[x] * (1 - a) + colour * (lit * a);
        }
    }
    return box;
}

// White sensor noise plus a finer-than-the-composition grain (noise blurred over about two pixels): the
// full-resolution detail that a picture composed at 1000 pixels and upscaled would otherwise lack.
cv::Mat sensorNoiseTile(cv::Size size, int channels, cv::RNG& rng) {
    cv::Mat noise(size, CV_32FC(channels)), grain(size, CV_32FC(channels));
    rng.fill(noise, cv::RNG::NORMAL, 0.0, 1.5);
    rng.fill(grain, cv::RNG::NORMAL, 0.0, 1.0);
    cv::GaussianBlur(grain, grain, cv::Size(0, 0), 0.9);
    cv::scaleAdd(grain, 6.0, noise, noise);
    return noise;
}

// Adds zero-mean noise with saturation, tiling a small noise patch over the picture: two saturating
// 8-bit passes instead of a float round trip over every full-size pixel.
void addSensorNoise(cv::Mat& pixels, cv::RNG& rng) {
    const cv::Size tileSize(std::min(pixels.cols, kNoiseTile), std::min(pixels.rows, kNoiseTile));
    const cv::Mat noise = sensorNoiseTile(tileSize, pixels.channels(), rng);
    cv::Mat up, down;
    cv::Mat(cv::max(noise, 0.0)).convertTo(up, CV_8U);
    cv::Mat(cv::max(-noise, 0.0)).convertTo(down, CV_8U);
    for (int y = 0; y < pixels.rows; y += tileSize.height) {
        for (int x = 0; x < pixels.cols; x += tileSize.width) {
            const cv::Rect block =
                cv::Rect(x, y, tileSize.width, tileSize.height) & cv::Rect(0, 0, pixels.cols, pixels.rows);
            const cv::Rect part(0, 0, block.width, block.height);
            cv::Mat target = pixels(block);
            cv::add(target, up(part), target);
            cv::subtract(target, down(part), target);
        }
    }
}

QRect toOutput(const cv::Rect& box, double sx, double sy, int width, int height) {
    const int x0 = std::max(0, int(std::floor(box.x * sx)));
    const int y0 = std::max(0, int(std::floor(box.y * sy)));
    const int x1 = std::min(width, int(std::ceil(box.br().x * sx)));
    const int y1 = std::min(height, int(std::ceil(box.br().y * sy)));
    return QRect(x0, y0, x1 - x0, y1 - y0);
}

} // namespace

quint64 mixSeed(quint64 seed, quint64 index) {
    quint64 z = seed + 0x9E3779B97F4A7C15ull * (index + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

Scene renderScene(int width, int height, int channels, quint64 seed) {
    const double reduce = std::max(1.0, double(std::max(width, height)) / kWorkLongSide);
    const cv::Size workSize(std::max(8, int(std::lround(width / reduce))),
                            std::max(8, int(std::lround(height / reduce))));
    cv::RNG rng(mixSeed(seed, 0x5CE7E));
    cv::Mat work(workSize, CV_32FC3);
    paintLandscape(work, rng);

    Scene scene;
    const double sx = double(width) / workSize.width, sy = double(height) / workSize.height;
    const int objectCount = rng.uniform(3, 7);
    for (int i = 0; i < objectCount; ++i) {
        const bool ellipse = rng.uniform(0, 2) == 0;
        const cv::Rect box = paintObject(work, ellipse, rng);
        const QRect outBox = toOutput(box, sx, sy, width, height);
        if (!outBox.isEmpty())
            scene.objects.append({outBox, ellipse ? QStringLiteral("ellipse") : QStringLiteral("polygon")});
    }

    cv::Mat work8;
    work.convertTo(work8, CV_8U);
    if (channels == 1)
        cv::cvtColor(work8, work8, cv::COLOR_BGR2GRAY);
    if (workSize == cv::Size(width, height))
        scene.pixels = work8;
    else
        cv::resize(work8, scene.pixels, cv::Size(width, height), 0, 0, cv::INTER_CUBIC);
    addSensorNoise(scene.pixels, rng);
    return scene;
}

} // namespace cropdeck::bench
