// GCC 13+ emits a call to std::ios_base_library_init() (GLIBCXX_3.4.32) from every translation unit that
// includes <iostream>; older libstdc++ (Debian 12's stops at 3.4.30) initialises the standard streams through
// a static std::ios_base::Init instead. This library supplies the one missing symbol for LibTorchSharp.
#include <ios>

namespace std {
__attribute__((visibility("default"))) void ios_base_library_init() {
  static ios_base::Init init;
}
}  // namespace std
