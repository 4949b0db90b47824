#include "tracking.hpp"
int answer(){ return 42; }
