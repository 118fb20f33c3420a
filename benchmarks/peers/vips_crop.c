// SPDX-License-Identifier: GPL-3.0-or-later
// libvips peer of the benchmark harness (core/bench/PeerEngines.h): open with sequential access, vips_crop,
// write the crop to memory (so the pixels are really decoded), one picture per thread on N threads, vips' own
// concurrency 1.
//
// usage: cropdeck_vips_crop [--save SUFFIX [--out-dir DIR]] JOBS THREADS TRIALS DUMP_DIR [DUMP_INDEX...]
// JOBS: one picture per line, "path<TAB>x<TAB>y<TAB>w<TAB>h". Prints one JSON object like the Python peers.
// --save ".png[compression=1]" (libvips' saver syntax): every crop is encoded, into memory
// (vips_image_write_to_buffer), or with --out-dir saved as DIR/<index>.<ext> (vips_image_write_to_file);
// the dumps are then the encoded crops ("encoded": true): the warm-up's files, or its buffers.
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <vips/vips.h>

typedef struct {
    char path[4096];
    int x, y, w, h;
} Job;

typedef struct {
    Job* jobs;
    int count;
    atomic_int next;
    atomic_ullong checksum;
    atomic_int failures;
    void** keep; // warm-up run: the crops (one per job), else NULL
    size_t* keepSize;
    const char* save;   // --save suffix, or NULL: raw pixels to memory
    const char* outDir; // --out-dir, or NULL
} Run;

// "DIR/<index>.<ext>" (with the saver options when `options`), the extension taken from the suffix.
static void outputPath(const Run* run, const char* dir, int index, int options, char* path, size_t size) {
    const size_t extension = strcspn(run->save, "[");
    snprintf(path, size, "%s/%d%.*s%s", dir, index, (int)extension, run->save,
             options ? run->save + extension : "");
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int readJobs(const char* path, Job** out) {
    FILE* file = fopen(path, "r");
    if (!file)
        return -1;
    int count = 0, capacity = 64;
    Job* jobs = malloc(sizeof(Job) * (size_t)capacity);
    char line[4200];
    while (fgets(line, sizeof line, file)) {
        if (count == capacity)
            jobs = realloc(jobs, sizeof(Job) * (size_t)(capacity *= 2));
        Job* job = &jobs[count];
        if (sscanf(line, "%4095[^\t]\t%d\t%d\t%d\t%d", job->path, &job->x, &job->y, &job->w, &job->h) == 5)
            ++count;
    }
    fclose(file);
    *out = jobs;
    return count;
}

static void cropOne(Run* run, int index) {
    const Job* job = &run->jobs[index];
    VipsImage* in = vips_image_new_from_file(job->path, "access", VIPS_ACCESS_SEQUENTIAL, NULL);
    VipsImage* out = NULL;
    size_t size = 0;
    unsigned char* pixels = NULL;
    int cropped = in && vips_crop(in, &out, job->x, job->y, job->w, job->h, NULL) == 0;
    if (cropped && run->save && run->outDir) {
        char path[4200];
        outputPath(run, run->outDir, index, 1, path, sizeof path);
        if (vips_image_write_to_file(out, path, NULL) == 0) {
            atomic_fetch_add(&run->checksum, (unsigned long long)job->w * (unsigned long long)job->h);
            g_object_unref(out);
            g_object_unref(in);
            return;
        }
        cropped = 0;
    } else if (cropped && run->save) {
        void* buffer = NULL;
        if (vips_image_write_to_buffer(out, run->save, &buffer, &size, NULL) == 0)
            pixels = buffer;
    } else if (cropped)
        pixels = vips_image_write_to_memory(out, &size);
    if (pixels && size > 0) {
        atomic_fetch_add(&run->checksum, pixels[0] + pixels[size - 1]);
        if (run->keep) {
            run->keep[index] = pixels;
            run->keepSize[index] = size;
            pixels = NULL;
        }
    } else {
        fprintf(stderr, "%s: %s\n", job->path, vips_error_buffer());
        vips_error_clear();
        atomic_fetch_add(&run->failures, 1);
    }
    g_free(pixels);
    if (out)
        g_object_unref(out);
    if (in)
        g_object_unref(in);
}

static void* worker(void* arg) {
    Run* run = arg;
    for (int i; (i = atomic_fetch_add(&run->next, 1)) < run->count;)
        cropOne(run, i);
    return NULL;
}

static double timedRun(Run* run, int threads) {
    pthread_t* ids = malloc(sizeof(pthread_t) * (size_t)threads);
    atomic_store(&run->next, 0);
    const double start = now();
    for (int t = 0; t < threads; ++t)
        pthread_create(&ids[t], NULL, worker, run);
    for (int t = 0; t < threads; ++t)
        pthread_join(ids[t], NULL);
    const double elapsed = now() - start;
    free(ids);
    return elapsed;
}

// The warm-up crops of the asked indices, as raw bytes for the benchmark's pixel check.
static void dumpCrops(const Run* run, const char* dir, char** indices, int n) {
    printf("\"dumps\": [");
    int printed = 0;
    for (int k = 0; k < n; ++k) {
        const int index = atoi(indices[k]);
        if (index < 0 || index >= run->count)
            continue;
        char path[4200];
        if (run->save && run->outDir) { // the file the warm-up saved
            outputPath(run, run->outDir, index, 0, path, sizeof path);
            printf("%s{\"index\": %d, \"file\": \"%s\", \"encoded\": true}", printed++ ? ", " : "", index,
                   path);
            continue;
        }
        if (!run->keep[index])
            continue;
        if (run->save)
            outputPath(run, dir, index, 0, path, sizeof path);
        else
            snprintf(path, sizeof path, "%s/vips-%d.raw", dir, index);
        FILE* file = fopen(path, "wb");
        if (!file)
            continue;
        fwrite(run->keep[index], 1, run->keepSize[index], file);
        fclose(file);
        if (run->save) {
            printf("%s{\"index\": %d, \"file\": \"%s\", \"encoded\": true}", printed++ ? ", " : "", index,
                   path);
            continue;
        }
        const Job* job = &run->jobs[index];
        const int channels = (int)(run->keepSize[index] / ((size_t)job->w * (size_t)job->h));
        printf("%s{\"index\": %d, \"file\": \"%s\", \"width\": %d, \"height\": %d, \"channels\": %d, "
               "\"order\": \"rgb\"}",
               printed++ ? ", " : "", index, path, job->w, job->h, channels);
    }
    printf("]");
}

int main(int argc, char** argv) {
    Run run = {0};
    const char* program = argv[0];
    while (argc > 2 && strncmp(argv[1], "--", 2) == 0) {
        if (strcmp(argv[1], "--save") == 0)
            run.save = argv[2];
        else if (strcmp(argv[1], "--out-dir") == 0)
            run.outDir = argv[2];
        else
            return 2;
        argv += 2;
        argc -= 2;
    }
    if (argc < 5 || VIPS_INIT(program))
        return 2;
    vips_cache_set_max(0); // every trial must decode again
    vips_concurrency_set(1);
    run.count = readJobs(argv[1], &run.jobs);
    const int threads = atoi(argv[2]), trials = atoi(argv[3]);
    if (run.count <= 0 || threads < 1 || trials < 0) // 0 trials: the warm-up and its dumps only
        return 2;
    run.keep = calloc((size_t)run.count, sizeof(void*));
    run.keepSize = calloc((size_t)run.count, sizeof(size_t));
    const double warmup = timedRun(&run, threads);
    printf("{\"engine\": \"vips\", \"version\": \"%s\", \"threads\": %d, \"warmup_s\": %.6f, ",
           vips_version_string(), threads, warmup);
    dumpCrops(&run, argv[4], argv + 5, argc - 5);
    for (int i = 0; i < run.count; ++i)
        g_free(run.keep[i]);
    free(run.keep);
    free(run.keepSize);
    run.keep = NULL;
    printf(", \"trials_s\": [");
    for (int t = 0; t < trials; ++t)
        printf("%s%.6f", t ? ", " : "", timedRun(&run, threads));
    printf("], \"checksum\": %llu, \"failures\": %d}\n", (unsigned long long)atomic_load(&run.checksum),
           atomic_load(&run.failures));
    vips_shutdown();
    return atomic_load(&run.failures) ? 1 : 0;
}
