# hitd_link_allocator(<target>)
#
# Links jemalloc into an executable when HITD_JEMALLOC is on. Every executable we build
# calls it, so tests and benchmarks measure the allocator the daemon ships with. It is a
# no-op when HITD_JEMALLOC is off (the sanitizer builds, where ASan owns malloc).
include_guard(GLOBAL)

if(HITD_JEMALLOC)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(JEMALLOC REQUIRED IMPORTED_TARGET jemalloc)
endif()

function(hitd_link_allocator target)
  if(NOT TARGET ${target})
    message(FATAL_ERROR "hitd_link_allocator: no target named '${target}'")
  endif()
  if(HITD_JEMALLOC)
    target_link_libraries(${target} PRIVATE PkgConfig::JEMALLOC)
  endif()
endfunction()
