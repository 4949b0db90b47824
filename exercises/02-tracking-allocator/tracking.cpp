#include "tracking.hpp"
#include <mw/todo.hpp>
int answer(){ MW_TODO(); }
