package io.neoinfra.schemas.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkPolicyTest {

  private static InetAddress ip(String literal) {
    return TargetHost.parse(literal).orElseThrow().address().orElseThrow();
  }

  @Test
  void deniesTheCloudMetadataAddressByDefault() {
    assertThat(NetworkPolicy.defaults().refusal(ip("169.254.169.254")))
        .contains(new NetworkRefusal.InDeniedNetwork(Cidr.parse("169.254.0.0/16")));
  }

  @Test
  void deniesTheAwsIpv6MetadataAddressByDefault() {
    assertThat(NetworkPolicy.defaults().permits(ip("fd00:ec2::254"))).isFalse();
  }

  @Test
  void deniesIpv6LinkLocalByDefault() {
    assertThat(NetworkPolicy.defaults().permits(ip("fe80::1"))).isFalse();
  }

  @Test
  void deniesAMetadataAddressWrittenAsAnIpv4MappedIpv6Address() {
    assertThat(NetworkPolicy.defaults().permits(ip("::ffff:169.254.169.254"))).isFalse();
  }

  @Test
  void allowsLoopbackByDefault() {
    assertThat(NetworkPolicy.defaults().permits(ip("127.0.0.1"))).isTrue();
    assertThat(NetworkPolicy.defaults().permits(ip("::1"))).isTrue();
  }

  @Test
  void allowsOnlyTheListedNetworksWhenSomeAreListed() {
    NetworkPolicy policy = NetworkPolicy.of("10.0.0.0/8", "");

    assertThat(policy.permits(ip("10.20.30.40"))).isTrue();
    assertThat(policy.refusal(ip("192.168.1.1"))).get().isInstanceOf(NetworkRefusal.OutsideAllowedNetworks.class);
  }

  @Test
  void letsDeniedWinOverAllowed() {
    NetworkPolicy policy = NetworkPolicy.of("169.254.0.0/16", "169.254.169.254/32");

    assertThat(policy.permits(ip("169.254.169.254"))).isFalse();
    assertThat(policy.permits(ip("169.254.1.1"))).isTrue();
  }

  @Test
  void survivesItsTextForm() {
    NetworkPolicy policy = NetworkPolicy.of("10.0.0.0/8, fd00::/8", String.join(",", NetworkPolicy.DEFAULT_DENIED));

    assertThat(NetworkPolicy.parse(policy.toText())).isEqualTo(policy);
  }

  @Test
  void refusesANetworkThatIsAHostName() {
    assertThatThrownBy(() -> NetworkPolicy.of("intranet.example/8", "")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void matchesAPrefixThatIsNotAWholeByte() {
    Cidr network = Cidr.parse("100.64.0.0/10");

    assertThat(network.contains(ip("100.127.255.255"))).isTrue();
    assertThat(network.contains(ip("100.128.0.0"))).isFalse();
  }

  @Test
  void treatsTheDefaultDeniedListAsParseable() {
    assertThat(NetworkPolicy.defaults().denied()).hasSize(NetworkPolicy.DEFAULT_DENIED.size());
    assertThat(NetworkPolicy.defaults().allowed()).isEqualTo(List.of());
  }
}
