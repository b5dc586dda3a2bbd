"""Fat-tree arithmetic (tco.model.fabric) against counts worked out by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tco.model import fabric as fab


def test_radix_is_capacity_over_port_speed():
    # 51.2 Tbit/s at 800 Gbit/s = 51,200 / 800 = 64 ports; at 400G: 128
    assert fab.radix(51_200, 800) == 64
    assert fab.radix(51_200, 400) == 128
    # 102.4 Tbit/s at 1.6 Tbit/s = 64
    assert fab.radix(102_400, 1_600) == 64
    with pytest.raises(fab.FabricError) as err:
        fab.radix(51_200, 768)  # 66.67 ports
    assert err.value.key == "port_speed"


def test_two_tier_non_blocking_2048_gpus_on_64_port_switches():
    # k = 64: a leaf has 32 ports down, 32 up
    # leaves = ceil(2,048 / 32) = 64; spines = ceil(64 x 32 / 64) = 32
    f = fab.size(2048, 2, 64)
    assert [t.switches for t in f.tiers] == [64, 32]
    assert f.switches == 96
    # links: NIC-leaf 2,048; leaf-spine 64 x 32 = 2,048
    assert [t.links for t in f.tiers] == [2048, 2048]
    # every port in use: 96 x 64 = 6,144 = 2,048 x 3 link ends on switches
    assert f.ports == 6144 and f.ports_in_use == 6144 and f.idle_ports == 0
    # the most one 2-tier plane holds: k^2/2 = 2,048
    assert f.capacity == 64 * 64 // 2


def test_three_tier_32768_gpus_is_2560_switches():
    # leaves = 32,768 / 32 = 1,024; pods = 1,024 / 32 = 32; spines = 32 pods x 32 = 1,024;
    # cores = 1,024 spines x 32 up / 64 = 512; 1,024 + 1,024 + 512 = 2,560
    f = fab.size(32768, 3, 64)
    assert [t.switches for t in f.tiers] == [1024, 1024, 512]
    assert f.switches == 2560
    assert [t.name for t in f.tiers] == ["leaf", "spine", "core"]
    # ports 2,560 x 64 = 163,840, all in use: 32,768 x (1 + 2 + 2) switch ends
    assert f.ports_in_use == 163_840 == 32_768 * 5
    assert f.idle_ports == 0


def test_full_three_tier_tree_k_cubed_over_4():
    # k^3/4 = 64^3 / 4 = 65,536 hosts; 5k^2/4 = 5 x 4,096 / 4 = 5,120 switches
    f = fab.size(65536, 3, 64)
    assert f.capacity == 65536
    assert f.switches == 5120
    assert [t.switches for t in f.tiers] == [2048, 2048, 1024]
    with pytest.raises(fab.FabricError) as err:
        fab.size(65537, 3, 64)
    assert err.value.key == "gpus"


def test_two_to_one_oversubscribed_leaf():
    # r = 2, k = 64: down = floor(64 x 2/3) = floor(42.67) = 42; up = ceil(42 / 2) = 21;
    # the 64th port stands idle on every leaf
    assert fab.leaf_split(64, 2) == (42, 21)
    # 2,016 GPUs: leaves = 2,016 / 42 = 48; up-links 48 x 21 = 1,008;
    # spines = ceil(1,008 / 64) = ceil(15.75) = 16
    f = fab.size(2016, 2, 64, oversubscription=2)
    assert [t.switches for t in f.tiers] == [48, 16]
    assert [t.links for t in f.tiers] == [2016, 1008]
    # idle: leaves 48 x 64 - (2,016 + 1,008) = 3,072 - 3,024 = 48 (one per leaf);
    # spines 16 x 64 - 1,008 = 1,024 - 1,008 = 16
    assert [t.idle_ports for t in f.tiers] == [48, 16]
    # 3:1 on 64 ports splits exactly: 48 down, 16 up
    assert fab.leaf_split(64, 3) == (48, 16)
    # a 2-tier 2:1 plane holds k x down = 64 x 42 = 2,688 hosts (vs 2,048 non-blocking)
    assert fab.size(2016, 2, 64, oversubscription=2).capacity == 2688


def test_oversubscription_below_one_is_refused():
    with pytest.raises(fab.FabricError) as err:
        fab.size(1024, 2, 64, oversubscription=0.5)
    assert err.value.key == "oversubscription"


def test_rail_optimised_eight_rails():
    # 16,384 GPUs, one 800G NIC each, 8 rails: 2,048 hosts per plane = k^2/2, so each
    # rail is a full 2-tier Clos: 64 leaves + 32 spines = 96; x 8 planes = 768 switches
    f = fab.size(16384, 2, 64, planes=8)
    assert f.planes == 8
    assert [t.switches for t in f.tiers] == [512, 256]
    assert f.switches == 768
    # the same GPUs in one plane need 3 tiers: 512 leaves + 512 spines + 256 cores = 1,280
    assert fab.size(16384, 3, 64).switches == 1280
    # and do not fit in 2 tiers (16,384 > 2,048)
    with pytest.raises(fab.FabricError):
        fab.size(16384, 2, 64)


def test_uneven_planes_are_sized_each():
    # 62 hosts on 3 planes of 8-port switches (leaf 4 down, 4 up), 2 tiers: 21, 21, 20
    # 21 hosts: leaves ceil(21/4) = 6, spines ceil(6 x 4 / 8) = 3
    # 20 hosts: leaves 20/4 = 5, spines ceil(5 x 4 / 8) = ceil(2.5) = 3
    # total: 6 + 6 + 5 = 17 leaves, 3 + 3 + 3 = 9 spines
    f = fab.size(62, 2, 8, planes=3)
    assert [t.switches for t in f.tiers] == [17, 9]


def test_optical_ports_per_gpu():
    # 3 tiers all optical: 2(L - 1) + 2 = 2 x 2 + 2 = 6 optical link ends per GPU
    f = fab.size(32768, 3, 64)
    assert f.optical_ports() == 6 * 32768
    # copper from NIC to leaf: 2(L - 1) = 4
    f = fab.size(32768, 3, 64, media=("copper", "optical", "optical"))
    assert f.optical_ports() == 4 * 32768
    # 2 tiers all optical: 2 x 1 + 2 = 4
    assert fab.size(2048, 2, 64).optical_ports() == 4 * 2048


def test_twin_port_switch_modules_make_3_5_modules_per_gpu():
    # 3 tiers all optical: 1 NIC module + 5 switch ports / 2 (twin-port) = 3.5 per GPU
    f = fab.size(32768, 3, 64)
    switch_ports = sum(f.items("switch_port").values())
    nic_ports = sum(f.items("nic_port").values())
    assert switch_ports == 5 * 32768
    assert nic_ports == 32768
    assert (nic_ports * 1 + switch_ports * 0.5) / f.gpus == 3.5


def test_items_by_tier_and_media():
    f = fab.size(32768, 3, 64, media=("copper", "optical", "optical"))
    # switch-side ports above the leaf (link tiers 2, 3): 2 x 32,768 each
    assert f.items("switch_port", (2, 3)) == {2: 65536, 3: 65536}
    # optical link ends: none at tier 1 (copper); 2 ends per link above
    assert f.items("link_end", media="optical") == {1: 0, 2: 65536, 3: 65536}
    # DAC cables: one per copper link
    assert f.items("link", media="copper") == {1: 32768, 2: 0, 3: 0}
    assert f.items("switch", (1,)) == {1: 1024}


def test_partial_fill_rounds_up_and_reports_idle_ports():
    # 2,000 GPUs, 2 tiers of 64-port switches: leaves ceil(2,000 / 32) = ceil(62.5) = 63;
    # spines ceil(63 x 32 / 64) = ceil(31.5) = 32
    f = fab.size(2000, 2, 64)
    assert [t.switches for t in f.tiers] == [63, 32]
    # idle: leaves 63 x 64 - (2,000 + 63 x 32) = 4,032 - 4,016 = 16;
    # spines 32 x 64 - 2,016 = 2,048 - 2,016 = 32; total 48
    assert [t.idle_ports for t in f.tiers] == [16, 32]
    assert f.idle_ports == 48


def test_nic_faster_than_port_splits_into_links():
    # 2,048 GPUs with 800G NICs on 400G switch ports (51.2T = 128 x 400G): 2 links per NIC
    # port, 4,096 hosts; k = 128 leaf 64 down: leaves 64, spines 64 x 64 / 128 = 32
    f = fab.size(2048, 2, 128, links_per_nic_port=2)
    assert f.hosts == 4096
    assert [t.switches for t in f.tiers] == [64, 32]
    # NIC ports stay one per GPU; NIC-side link ends are two per GPU
    assert sum(f.items("nic_port").values()) == 2048
    assert f.tiers[0].nic_ends == 4096


def test_one_tier_holds_k_hosts():
    assert fab.size(64, 1, 64).switches == 1
    with pytest.raises(fab.FabricError):
        fab.size(65, 1, 64)


@given(k=st.sampled_from([8, 16, 32, 64, 128]), tiers=st.integers(1, 3),
       r=st.sampled_from([1.0, 1.5, 2.0, 3.0]), planes=st.integers(1, 8),
       fill=st.floats(0.01, 1.0))
def test_properties_ports_balance(k, tiers, r, planes, fill):
    down, _ = (k, 0) if tiers == 1 else fab.leaf_split(k, r)
    cap = fab.hosts_per_plane_max(tiers, k, down) * planes
    hosts = max(planes, int(cap * fill))
    f = fab.size(hosts, tiers, k, oversubscription=r, planes=planes)
    # every link has two ends; switch ends are ports in use; none is over-committed
    assert f.ports_in_use == sum(t.switch_ends for t in f.tiers)
    assert all(0 <= t.idle_ports < t.ports for t in f.tiers)
    assert f.tiers[0].links == hosts
    # one more GPU never needs fewer switches
    if hosts < cap:
        assert fab.size(hosts + 1, tiers, k, oversubscription=r,
                        planes=planes).switches >= f.switches


def test_two_optics_per_gpu_is_a_single_tier_count():
    # A public cluster calculator counts 2 optics per GPU. Optical ends per GPU are
    # 2(L - 1) + 2 for L all-optical tiers: L = 1 gives 2; our 3 tiers give 6, three
    # times as many (methods.md section 1)
    assert fab.size(64, 1, 64).optical_ports() / 64 == 2 * (1 - 1) + 2 == 2
    assert fab.size(32768, 3, 64).optical_ports() / 32768 == 2 * (3 - 1) + 2 == 6
