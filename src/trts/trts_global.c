/* trts_global.c — g_global_data, the structure the signer fills through the metadata's patch
 * table (sizes, layout, TCS and thread-data templates; vsgx/global_data.h) and the runtime reads.
 * Its version tells the signer which layout this runtime expects. */
#include "trts_internal.h"

__attribute__((visibility("default"))) vsgx_global_data_t g_global_data = {
    .sdk_version = VSGX_GLOBAL_DATA_VERSION,
};
