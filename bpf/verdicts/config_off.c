#define MODE 0
#include "config.h"
