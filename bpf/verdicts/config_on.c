#define MODE 1
#include "config.h"
