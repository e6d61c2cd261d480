<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Actions</name>
    <message>
        <source>Drag an op from the palette</source>
        <translation>从组件面板拖出一个运算</translation>
    </message>
    <message>
        <source>add a node where it is dropped</source>
        <translation>在放下处添加一个节点</translation>
    </message>
    <message>
        <source>Double-click an op</source>
        <translation>双击一个运算</translation>
    </message>
    <message>
        <source>add it at the centre of the canvas</source>
        <translation>把它添加到画布中央</translation>
    </message>
    <message>
        <source>Drag from an output port to an input port</source>
        <translation>从输出端口拖到输入端口</translation>
    </message>
    <message>
        <source>wire</source>
        <translation>连线</translation>
    </message>
    <message>
        <source>Drag a wire&apos;s input end away</source>
        <translation>把连线的输入端拖开</translation>
    </message>
    <message>
        <source>move or remove that wire</source>
        <translation>移动或删除这条连线</translation>
    </message>
    <message>
        <source>Double-click a group</source>
        <translation>双击一个分组</translation>
    </message>
    <message>
        <source>collapse or expand it</source>
        <translation>折叠或展开它</translation>
    </message>
    <message>
        <source>Mouse wheel</source>
        <translation>鼠标滚轮</translation>
    </message>
    <message>
        <source>zoom around the cursor</source>
        <translation>以光标为中心缩放</translation>
    </message>
    <message>
        <source>Middle drag, or Space + drag</source>
        <translation>中键拖动，或按住空格拖动</translation>
    </message>
    <message>
        <source>pan</source>
        <translation>平移</translation>
    </message>
    <message>
        <source>Hover a node</source>
        <translation>鼠标悬停在节点上</translation>
    </message>
    <message>
        <source>its value or gradient, with the formula in numbers</source>
        <translation>显示它的值或梯度，以及代入数字的公式</translation>
    </message>
    <message>
        <source>F, on the canvas</source>
        <translation>在画布上按 F</translation>
    </message>
    <message>
        <source>fit the graph in view</source>
        <translation>让整张图适应视图</translation>
    </message>
    <message>
        <source>Escape, while wiring</source>
        <translation>连线时按 Esc</translation>
    </message>
    <message>
        <source>cancel the wire</source>
        <translation>取消这条连线</translation>
    </message>
    <message>
        <source>{what}: {tip}</source>
        <translation>{what}：{tip}</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>键盘</translation>
    </message>
    <message>
        <source>Mouse</source>
        <translation>鼠标</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Export Canvas as &amp;PNG…</source>
        <translation>将画布导出为 &amp;PNG…</translation>
    </message>
    <message>
        <source>Export Canvas as S&amp;VG…</source>
        <translation>将画布导出为 S&amp;VG…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Duplicate</source>
        <translation>制作副本(&amp;D)</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>删除(&amp;L)</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Group Selection</source>
        <translation>将所选编组(&amp;G)</translation>
    </message>
    <message>
        <source>U&amp;ngroup</source>
        <translation>取消编组(&amp;N)</translation>
    </message>
    <message>
        <source>Auto &amp;Layout</source>
        <translation>自动布局(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Fit to View</source>
        <translation>适应视图(&amp;F)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Keyboard and Mouse…</source>
        <translation>键盘和鼠标(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;Examples…</source>
        <translation>示例(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;About graphviz-app</source>
        <translation>关于 graphviz-app(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>E&amp;xamples</source>
        <translation>示例(&amp;X)</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Layout</source>
        <translation>布局(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
</context>
<context>
    <name>ActivationFunctions</name>
    <message>
        <source>z &lt; 0, where ReLU passes no gradient</source>
        <translation>z &lt; 0，ReLU 在这里不传递梯度</translation>
    </message>
    <message>
        <source>|z| &gt; 3.5, where σ is within 0.03 of 0 or 1 and σ′ &lt; 0.03</source>
        <translation>|z| &gt; 3.5，σ 与 0 或 1 相差不到 0.03，且 σ′ &lt; 0.03</translation>
    </message>
    <message>
        <source>|z| &gt; 2.1, where |tanh| &gt; 0.97 and tanh′ &lt; 0.06</source>
        <translation>|z| &gt; 2.1，|tanh| &gt; 0.97 且 tanh′ &lt; 0.06</translation>
    </message>
    <message>
        <source>the layer&apos;s own</source>
        <translation>该层自己的</translation>
    </message>
    <message>
        <source>pre-activations z (scaled)</source>
        <translation>激活前的值 z（已缩放）</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>{name}(z) and its derivative, from the engine&apos;s forward and backward</source>
        <translation>{name}(z) 及其导数，来自引擎的前向和反向传播</translation>
    </message>
    <message>
        <source>{layer}&apos;s pre-activations z (bars, scaled)</source>
        <translation>{layer} 的激活前的值 z（柱形，已缩放）</translation>
    </message>
    <message>
        <source>the chosen layer does not use this function</source>
        <translation>所选的层不使用这个函数</translation>
    </message>
    <message>
        <source>{name}: f solid, f′ dashed; {where}.</source>
        <translation>{name}：实线为 f，虚线为 f′；{where}。</translation>
    </message>
    <message>
        <source> Shaded: {zone}.</source>
        <translation> 阴影：{zone}。</translation>
    </message>
</context>
<context>
    <name>Activations</name>
    <message>
        <source>The layer the heatmap, the top examples and the curves show (follows the selection on the canvas)</source>
        <translation>热图、最强样本和曲线所显示的层（跟随画布上的选择）</translation>
    </message>
    <message>
        <source>First example of the heatmap</source>
        <translation>热图的第一个样本</translation>
    </message>
    <message>
        <source>How many examples the heatmap shows</source>
        <translation>热图显示多少个样本</translation>
    </message>
    <message>
        <source>The unit whose top examples are shown (or click a heatmap column)</source>
        <translation>显示其最强样本的单元（或者点击热图的一列）</translation>
    </message>
    <message>
        <source>examples × units</source>
        <translation>样本 × 单元</translation>
    </message>
    <message>
        <source>example</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>activations a</source>
        <translation>激活值 a</translation>
    </message>
    <message>
        <source>count</source>
        <translation>个数</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>examples from</source>
        <translation>样本起点</translation>
    </message>
    <message>
        <source>log₁₀|dJ/da|</source>
        <translation>log₁₀|dJ/da|</translation>
    </message>
    <message>
        <source>log₁₀|g|</source>
        <translation>log₁₀|g|</translation>
    </message>
    <message>
        <source>the examples that activate the unit most</source>
        <translation>让这个单元激活最强的样本</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Top examples</source>
        <translation>最强样本</translation>
    </message>
    <message>
        <source>Activation functions</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>This graph has no layers to look inside: add dense layers or activation nodes.</source>
        <translation>这张图没有可以观察内部的层：请添加 dense 层或激活函数节点。</translation>
    </message>
    <message>
        <source>No data loaded: open an example or load a data set to see the activations over its training examples.</source>
        <translation>没有载入数据：打开一个示例或载入一个数据集，就能看到它的训练样本上的激活值。</translation>
    </message>
    <message>
        <source>live: the running run&apos;s current weights</source>
        <translation>实时：正在进行的运行的当前权重</translation>
    </message>
    <message>
        <source>a large network: statistics over the first {n} training examples</source>
        <translation>网络较大：统计只覆盖前 {n} 个训练样本</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>&lt;b&gt;{layer}&lt;/b&gt;: dead ReLU units {units} (0 on all {n} training examples: no gradient flows through them)</source>
        <translation>&lt;b&gt;{layer}&lt;/b&gt;：死亡的 ReLU 单元 {units}（在全部 {n} 个训练样本上都是 0：没有梯度流过它们）</translation>
    </message>
    <message>
        <source>&lt;b&gt;{layer}&lt;/b&gt;: saturated {activation} units {units} (|a| near its limit on most examples: f′ ≈ 0, they learn slowly)</source>
        <translation>&lt;b&gt;{layer}&lt;/b&gt;：饱和的 {activation} 单元 {units}（在大多数样本上 |a| 接近极限：f′ ≈ 0，学得很慢）</translation>
    </message>
    <message>
        <source>exactly 0 (left out of the histogram): {layers}</source>
        <translation>恰好为 0（不计入直方图）：{layers}</translation>
    </message>
    <message>
        <source>gradient RMS per layer: {layers}</source>
        <translation>每层梯度的均方根：{layers}</translation>
    </message>
    <message>
        <source>(the histograms show the first {n} layers)</source>
        <translation>（直方图显示前 {n} 层）</translation>
    </message>
    <message>
        <source>No dead or saturated units.</source>
        <translation>没有死亡或饱和的单元。</translation>
    </message>
    <message>
        <source>{layer} unit {unit}: top examples {examples}…</source>
        <translation>{layer} 单元 {unit}：最强样本 {examples}…</translation>
    </message>
    <message>
        <source>{layer} unit {unit}: the {n} training points that activate it most (orange)</source>
        <translation>{layer} 单元 {unit}：让它激活最强的 {n} 个训练点（橙色）</translation>
    </message>
    <message>
        <source>{layer} unit {unit}: inputs are not points or images; see the example numbers below</source>
        <translation>{layer} 单元 {unit}：输入既不是点也不是图像；请看下面的样本编号</translation>
    </message>
    <message>
        <source>{layer} unit {unit}: the training images that activate it most, strongest first</source>
        <translation>{layer} 单元 {unit}：让它激活最强的训练图像，最强的在前</translation>
    </message>
    <message>
        <source> and {n} more</source>
        <translation> 等，另有 {n} 个</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Recovered the autosaved graph; save it, then open {file}</source>
        <translation>已恢复自动保存的图；请先保存它，再打开 {file}</translation>
    </message>
    <message>
        <source>Unknown example</source>
        <translation>未知示例</translation>
    </message>
    <message>
        <source>there is no example {name}; examples: {examples}</source>
        <translation>没有名为 {name} 的示例；现有示例：{examples}</translation>
    </message>
    <message>
        <source>--size {size} is not WIDTHxHEIGHT, e.g. 1280x720</source>
        <translation>--size {size} 不是“宽x高”的形式，例如 1280x720</translation>
    </message>
    <message>
        <source>--size {size}: width and height must be 320-8000 and 240-8000</source>
        <translation>--size {size}：宽度必须在 320-8000 之间，高度必须在 240-8000 之间</translation>
    </message>
    <message>
        <source>unknown layout {name}; layouts: {names}</source>
        <translation>未知布局 {name}；现有布局：{names}</translation>
    </message>
    <message>
        <source>unknown panel {name}; panels: {names}</source>
        <translation>未知面板 {name}；现有面板：{names}</translation>
    </message>
    <message>
        <source>--run {run}: use forward, backward or train[:EPOCHS]</source>
        <translation>--run {run}：请用 forward、backward 或 train[:轮数]</translation>
    </message>
    <message>
        <source>--run {run}: EPOCHS must be a whole number from 1 to 100000</source>
        <translation>--run {run}：轮数必须是 1 到 100000 之间的整数</translation>
    </message>
    <message>
        <source>unknown node {name}; nodes: {names}</source>
        <translation>未知节点 {name}；现有节点：{names}</translation>
    </message>
    <message>
        <source>training could not start: {why}</source>
        <translation>训练无法开始：{why}</translation>
    </message>
</context>
<context>
    <name>ArrayView</name>
    <message>
        <source>{value} and {gradient}</source>
        <translation>{value} 及 {gradient}</translation>
    </message>
    <message>
        <source>{name} (cached)</source>
        <translation>{name}（缓存）</translation>
    </message>
    <message>
        <source>cached: {note}</source>
        <translation>缓存：{note}</translation>
    </message>
    <message>
        <source> (read by the backward step)</source>
        <translation>（反向步骤会读取）</translation>
    </message>
    <message>
        <source>Hover a cell to read its value.</source>
        <translation>悬停在一个格子上读取它的值。</translation>
    </message>
    <message>
        <source>Each cell is one entry; hover it for its full index.</source>
        <translation>每个格子是一个元素；悬停查看它的完整下标。</translation>
    </message>
    <message>
        <source> Layout: {layout}.</source>
        <translation> 排列：{layout}。</translation>
    </message>
</context>
<context>
    <name>Canvas</name>
    <message>
        <source>{count} nodes · double-click</source>
        <translation>{count} 个节点 · 双击</translation>
    </message>
    <message>
        <source>double-click the title to collapse</source>
        <translation>双击标题折叠</translation>
    </message>
    <message>
        <source>group {name} ({count} nodes)</source>
        <translation>分组 {name}（{count} 个节点）</translation>
    </message>
    <message>
        <source>frozen: its arrays are not trained</source>
        <translation>已冻结：它的数组不参与训练</translation>
    </message>
    <message>
        <source>Move wire to {name}</source>
        <translation>把连线移到 {name}</translation>
    </message>
    <message>
        <source>Wire refused: {reason}</source>
        <translation>连线被拒绝：{reason}</translation>
    </message>
    <message>
        <source>{cells} traced cells in {nodes} nodes inside</source>
        <translation>组内 {nodes} 个节点中有 {cells} 个被追踪的格子</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>{name} would need {count} weights ({gib:.3g} GiB); the graph may hold at most {limit}. {fix}</source>
        <translation>{name} 将需要 {count} 个权重（{gib:.3g} GiB）；这张图最多只能容纳 {limit} 个。{fix}</translation>
    </message>
    <message>
        <source>Add {op}</source>
        <translation>添加 {op}</translation>
    </message>
    <message>
        <source>there is no op {op}; drag one from the palette</source>
        <translation>没有名为 {op} 的运算；请从组件面板拖一个过来</translation>
    </message>
    <message>
        <source>Add {name} ({op})</source>
        <translation>添加 {name}（{op}）</translation>
    </message>
    <message>
        <source>Delete {names}</source>
        <translation>删除 {names}</translation>
    </message>
    <message>
        <source>select nodes to delete</source>
        <translation>请先选中要删除的节点</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连线</translation>
    </message>
    <message>
        <source>Connect {src} → {dst}.{port}</source>
        <translation>连线 {src} → {dst}.{port}</translation>
    </message>
    <message>
        <source>Make the input smaller first.</source>
        <translation>请先把输入改小。</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>断开连线</translation>
    </message>
    <message>
        <source>that node no longer exists</source>
        <translation>那个节点已经不存在了</translation>
    </message>
    <message>
        <source>input {port} of {name} is not connected</source>
        <translation>{name} 的输入 {port} 没有连接</translation>
    </message>
    <message>
        <source>Disconnect {src} → {dst}</source>
        <translation>断开 {src} → {dst}</translation>
    </message>
    <message>
        <source>Move 1 node</source>
        <translation>移动 1 个节点</translation>
    </message>
    <message>
        <source>Move {count} nodes</source>
        <translation>移动 {count} 个节点</translation>
    </message>
    <message>
        <source>1e12 trillion|1e9 billion|1e6 million</source>
        <translation>1e12 万亿|1e8 亿|1e4 万</translation>
    </message>
    <message>
        <source>Set {name} {changes}</source>
        <translation>设置 {name} {changes}</translation>
    </message>
    <message>
        <source>Choose a smaller {params}.</source>
        <translation>请选一个更小的 {params}。</translation>
    </message>
    <message>
        <source>Rename to {name}</source>
        <translation>重命名为 {name}</translation>
    </message>
    <message>
        <source>Rename {old} to {new}</source>
        <translation>把 {old} 重命名为 {new}</translation>
    </message>
    <message>
        <source>Freeze {name}</source>
        <translation>冻结 {name}</translation>
    </message>
    <message>
        <source>Unfreeze {name}</source>
        <translation>解冻 {name}</translation>
    </message>
    <message>
        <source>Group {name}</source>
        <translation>编组 {name}</translation>
    </message>
    <message>
        <source>select nodes to group</source>
        <translation>请先选中要编组的节点</translation>
    </message>
    <message>
        <source>{name} is already in group {group}; ungroup it first</source>
        <translation>{name} 已经在分组 {group} 中；请先取消编组</translation>
    </message>
    <message>
        <source>Ungroup {name}</source>
        <translation>取消编组 {name}</translation>
    </message>
    <message>
        <source>select a group to ungroup</source>
        <translation>请先选中要取消编组的分组</translation>
    </message>
    <message>
        <source>Collapse {name}</source>
        <translation>折叠 {name}</translation>
    </message>
    <message>
        <source>Expand {name}</source>
        <translation>展开 {name}</translation>
    </message>
    <message>
        <source>Paste 1 node</source>
        <translation>粘贴 1 个节点</translation>
    </message>
    <message>
        <source>Paste {count} nodes</source>
        <translation>粘贴 {count} 个节点</translation>
    </message>
    <message>
        <source>cannot paste {name}: {why}</source>
        <translation>无法粘贴 {name}：{why}</translation>
    </message>
    <message>
        <source>Duplicate 1 node</source>
        <translation>制作 1 个节点的副本</translation>
    </message>
    <message>
        <source>Duplicate {count} nodes</source>
        <translation>制作 {count} 个节点的副本</translation>
    </message>
    <message>
        <source>cannot duplicate {name}: {why}</source>
        <translation>无法为 {name} 制作副本：{why}</translation>
    </message>
    <message>
        <source>nothing to paste</source>
        <translation>没有可粘贴的东西</translation>
    </message>
    <message>
        <source>there is no op {op}</source>
        <translation>没有名为 {op} 的运算</translation>
    </message>
    <message>
        <source>Change it before pasting.</source>
        <translation>请在粘贴之前修改它。</translation>
    </message>
</context>
<context>
    <name>CostSurface</name>
    <message>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>squared error</source>
        <translation>平方误差</translation>
    </message>
    <message>
        <source>The parameter entry along the horizontal axis</source>
        <translation>沿横轴变化的参数元素</translation>
    </message>
    <message>
        <source>The parameter entry along the vertical axis</source>
        <translation>沿纵轴变化的参数元素</translation>
    </message>
    <message>
        <source>Half-width of the grid around 0 for each axis (the current point and the runs&apos; paths are always included)</source>
        <translation>每个轴上以 0 为中心的网格半宽（当前点和各次运行的路径总会包含在内）</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Compute the surface (one forward pass of the training set per grid point, in the background)</source>
        <translation>计算曲面（每个网格点在训练集上做一次前向传播，在后台进行）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Contours</source>
        <translation>等高线</translation>
    </message>
    <message>
        <source>3-D surface</source>
        <translation>三维曲面</translation>
    </message>
    <message>
        <source>Contours, or J as a surface you can turn (drag) and zoom (wheel)</source>
        <translation>等高线，或把 J 画成可以转动（拖动）和缩放（滚轮）的曲面</translation>
    </message>
    <message>
        <source>Axes</source>
        <translation>坐标轴</translation>
    </message>
    <message>
        <source>range</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>cross-entropy J(w, b)</source>
        <translation>交叉熵 J(w, b)</translation>
    </message>
    <message>
        <source>squared error J(w, b) through σ</source>
        <translation>经过 σ 的平方误差 J(w, b)</translation>
    </message>
    <message>
        <source>This graph has no parameters to draw a cost surface over.</source>
        <translation>这张图没有参数，画不出代价曲面。</translation>
    </message>
    <message>
        <source>No data loaded: the cost is a mean over training examples; open an example (e.g. Logistic regression) or load data.</source>
        <translation>没有载入数据：代价是训练样本上的平均值；请打开一个示例（例如逻辑回归）或载入数据。</translation>
    </message>
    <message>
        <source>J over {a}, {b}</source>
        <translation>J 随 {a}、{b} 的变化</translation>
    </message>
    <message>
        <source>Pick two entries and press Compute: J over a grid of up to {n}×{n} points (fewer for a big network) in one batched pass of the training set, in the background.</source>
        <translation>选两个条目并按“计算”：在后台对训练集做一次批量前向传播，算出最多 {n}×{n} 个网格点上的 J（网络大时点数更少）。</translation>
    </message>
    <message>
        <source>For logistic regression both axes must be entries of its dense layer (W or b)</source>
        <translation>对逻辑回归，两个轴都必须是它的 dense 层（W 或 b）中的元素</translation>
    </message>
    <message>
        <source>{cost}: lowest {j:.3g} at ({w:.2f}, {b:.2f})</source>
        <translation>{cost}：最低 {j:.3g}，位于 ({w:.2f}, {b:.2f})</translation>
    </message>
    <message>
        <source> Live: the running run&apos;s weights.</source>
        <translation> 实时：正在进行的运行的权重。</translation>
    </message>
    <message>
        <source>J over ({a}, {b}) on the training data, other entries as they are now; colour = log(J − min), dark low. Cross-entropy: one convex bowl. Squared error through σ: flat plateaus, not convex. Lines: runs&apos; paths; star: now. Click to set the point.</source>
        <translation>J 在训练数据上随 ({a}, {b}) 的变化，其他元素保持现值；颜色 = log(J − min)，暗处低。交叉熵：一个凸的碗。经过 σ 的平方误差：平坦的高原，不是凸的。线：各次运行的路径；星：当前位置。点击设置该点。</translation>
    </message>
    <message>
        <source>Choose two entries and load data first.</source>
        <translation>请先选择两个元素并载入数据。</translation>
    </message>
    <message>
        <source>Choose two different entries for the two axes.</source>
        <translation>请为两个轴选择两个不同的元素。</translation>
    </message>
    <message>
        <source>Cancelled: </source>
        <translation>已取消：</translation>
    </message>
    <message>
        <source>{done} of {rows} rows computed.</source>
        <translation>已算出 {rows} 行中的 {done} 行。</translation>
    </message>
    <message>
        <source>Colour: log of J above its minimum. Click to set the two entries there.</source>
        <translation>颜色：J 高出其最小值部分的对数。点击一处即可把这两个条目设为该处的值。</translation>
    </message>
    <message>
        <source>Set {entries}</source>
        <translation>设置 {entries}</translation>
    </message>
    <message>
        <source>Point by point ({n}×{n} forward passes), because one batched pass does not apply: {why}.</source>
        <translation>逐点计算（{n}×{n} 次前向传播），因为无法用一次批量计算：{why}。</translation>
    </message>
    <message>
        <source>One batched pass: {n}×{n} grid points × {b} examples.</source>
        <translation>一次批量计算：{n}×{n} 个网格点 × {b} 个样本。</translation>
    </message>
    <message>
        <source>Cannot compute the surface: {error}</source>
        <translation>无法计算曲面：{error}</translation>
    </message>
    <message>
        <source>No surface yet</source>
        <translation>还没有曲面</translation>
    </message>
</context>
<context>
    <name>DataDialogs</name>
    <message>
        <source>number</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>commas</source>
        <translation>逗号</translation>
    </message>
    <message>
        <source>semicolons</source>
        <translation>分号</translation>
    </message>
    <message>
        <source>tabs</source>
        <translation>制表符</translation>
    </message>
    <message>
        <source>bars</source>
        <translation>竖线</translation>
    </message>
    <message>
        <source>Import {name}</source>
        <translation>导入 {name}</translation>
    </message>
    <message>
        <source>{rows} rows, {columns} columns, separated by {sep}. </source>
        <translation>{rows} 行，{columns} 列，以{sep}分隔。</translation>
    </message>
    <message>
        <source>The first {count} rows:</source>
        <translation>前 {count} 行：</translation>
    </message>
    <message>
        <source>Every row:</source>
        <translation>全部行：</translation>
    </message>
    <message>
        <source>Click a column&apos;s name to read it as numbers or as categories</source>
        <translation>点击列名，在按数值读取和按类别读取之间切换</translation>
    </message>
    <message>
        <source>(none: features only)</source>
        <translation>（无：只有特征）</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>values</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>ids (one column of numbers)</source>
        <translation>编号（一列数字）</translation>
    </message>
    <message>
        <source>one-hot (a 0/1 column per category)</source>
        <translation>独热编码（每个类别一列 0/1）</translation>
    </message>
    <message>
        <source>scale numeric features to mean 0, deviation 1</source>
        <translation>把数值特征缩放为均值 0、标准差 1</translation>
    </message>
    <message>
        <source>Target column</source>
        <translation>目标列</translation>
    </message>
    <message>
        <source>Target as</source>
        <translation>目标读作</translation>
    </message>
    <message>
        <source>Categorical columns</source>
        <translation>类别列</translation>
    </message>
    <message>
        <source>Problem: {why}</source>
        <translation>问题：{why}</translation>
    </message>
    <message>
        <source>{count} classes</source>
        <translation>{count} 个类别</translation>
    </message>
    <message>
        <source>values to predict</source>
        <translation>要预测的数值</translation>
    </message>
    <message>
        <source>no target</source>
        <translation>没有目标</translation>
    </message>
    <message>
        <source>x gets {count} feature columns; y: {what}.</source>
        <translation>x 得到 {count} 个特征列；y：{what}。</translation>
    </message>
    <message>
        <source>Import an image folder</source>
        <translation>导入图像文件夹</translation>
    </message>
    <message>
        <source>… and {count} more classes</source>
        <translation>……还有 {count} 个类别</translation>
    </message>
    <message>
        <source>1 file that is not an image is ignored.</source>
        <translation>忽略了 1 个不是图像的文件。</translation>
    </message>
    <message>
        <source>{count} files that are not images are ignored.</source>
        <translation>忽略了 {count} 个不是图像的文件。</translation>
    </message>
    <message>
        <source>{files} image files in {classes} classes:</source>
        <translation>{classes} 个类别中共有 {files} 个图像文件：</translation>
    </message>
    <message>
        <source>Resize to (square)</source>
        <translation>缩放到（正方形）</translation>
    </message>
    <message>
        <source>grey</source>
        <translation>灰度</translation>
    </message>
    <message>
        <source>colour</source>
        <translation>彩色</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>通道</translation>
    </message>
</context>
<context>
    <name>DataImport</name>
    <message>
        <source>not a readable image ({why})</source>
        <translation>不是可读取的图像（{why}）</translation>
    </message>
    <message>
        <source>cannot be decoded ({why})</source>
        <translation>无法解码（{why}）</translation>
    </message>
    <message>
        <source>Import {name}</source>
        <translation>导入 {name}</translation>
    </message>
    <message>
        <source>{count} examples</source>
        <translation>{count} 个样本</translation>
    </message>
    <message>
        <source>ids</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>{count} classes</source>
        <translation>{count} 个类别</translation>
    </message>
    <message>
        <source>regression target</source>
        <translation>回归目标</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>{what}: another load is still running; wait for it or cancel it</source>
        <translation>{what}：另一个载入任务还在运行；请等待它完成或取消它</translation>
    </message>
    <message>
        <source>{what}: cancelled; the data is unchanged</source>
        <translation>{what}：已取消；数据没有改变</translation>
    </message>
    <message>
        <source>{why}

The data set in use is unchanged.</source>
        <translation>{why}

正在使用的数据集没有改变。</translation>
    </message>
    <message>
        <source>
… and {count} more</source>
        <translation>
……还有 {count} 个</translation>
    </message>
    <message>
        <source>{loaded} images loaded; {skipped} files could not be read and were skipped:
{names}{more}</source>
        <translation>已载入 {loaded} 张图像；{skipped} 个文件无法读取，已跳过：
{names}{more}</translation>
    </message>
    <message>
        <source>Precompute features</source>
        <translation>预先计算特征</translation>
    </message>
    <message>
        <source>Select one node: the last frozen layer, whose output the new head reads.</source>
        <translation>请选中一个节点：最后一个冻结的层，新的头部读取它的输出。</translation>
    </message>
    <message>
        <source>There is no data set; load one first (File → Data).</source>
        <translation>还没有数据集；请先载入一个（文件 → 数据）。</translation>
    </message>
    <message>
        <source>{what}: the head now reads {node}&apos;s output for {count} examples, computed once; train it (the frozen layers no longer run at every step)</source>
        <translation>{what}：头部现在读取 {node} 在 {count} 个样本上的输出（只计算一次）；训练它吧（冻结的层不再在每一步运行）</translation>
    </message>
    <message>
        <source>Load digits</source>
        <translation>载入手写数字</translation>
    </message>
    <message>
        <source>Load digit images</source>
        <translation>载入手写数字图像</translation>
    </message>
    <message>
        <source>Load text corpus</source>
        <translation>载入文本语料</translation>
    </message>
    <message>
        <source>Import CSV data</source>
        <translation>导入 CSV 数据</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.tsv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import an image folder (one sub-folder per class)</source>
        <translation>导入图像文件夹（每个类别一个子文件夹）</translation>
    </message>
</context>
<context>
    <name>DataMenu</name>
    <message>
        <source>&amp;Data</source>
        <translation>数据(&amp;D)</translation>
    </message>
    <message>
        <source>Import &amp;CSV…</source>
        <translation>导入 &amp;CSV…</translation>
    </message>
    <message>
        <source>Import &amp;Image Folder…</source>
        <translation>导入图像文件夹(&amp;I)…</translation>
    </message>
    <message>
        <source>Handwritten &amp;Digits (8x8, as rows)</source>
        <translation>手写数字(&amp;D)（8x8，按行）</translation>
    </message>
    <message>
        <source>Handwritten Digits as &amp;Images (1x8x8)</source>
        <translation>手写数字图像(&amp;I)（1x8x8）</translation>
    </message>
    <message>
        <source>&amp;Text Corpus (word pairs)</source>
        <translation>文本语料库(&amp;T)（词对）</translation>
    </message>
    <message>
        <source>&amp;Sample Images (7 pictures, 3x64x64)</source>
        <translation>示例图片(&amp;S)（7 张，3x64x64）</translation>
    </message>
    <message>
        <source>Sample Image &amp;Patches (which picture, 3x32x32)</source>
        <translation>示例图片小块(&amp;P)（属于哪张图，3x32x32）</translation>
    </message>
    <message>
        <source>&amp;Precompute Features at Selected Node</source>
        <translation>在所选节点处预先计算特征(&amp;P)</translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Loops vs vectorized</source>
        <translation>循环与向量化</translation>
    </message>
    <message>
        <source>examples per class</source>
        <translation>每类的样本数</translation>
    </message>
    <message>
        <source>Time one gradient step both ways</source>
        <translation>两种写法各计时一次梯度下降步</translation>
    </message>
    <message>
        <source>The same logistic-regression step, written with Python loops and with NumPy, on the current data.</source>
        <translation>同一个逻辑回归的梯度步，分别用 Python 循环和 NumPy 写成，在当前数据上运行。</translation>
    </message>
    <message>
        <source>with loops</source>
        <translation>用循环</translation>
    </message>
    <message>
        <source>vectorized</source>
        <translation>向量化</translation>
    </message>
    <message>
        <source>&lt;b&gt;No data set.&lt;/b&gt; Open an example, or use File → Data to import a CSV file or an image folder, or load the digits, the text corpus or the sample pictures.</source>
        <translation>&lt;b&gt;没有数据集。&lt;/b&gt;打开一个示例，或者用“文件 → 数据”导入 CSV 文件或图像文件夹，或者载入手写数字、文本语料库或示例图片。</translation>
    </message>
    <message>
        <source>Split (Training dock): all {train} for training; dev: the example&apos;s own set &lt;b&gt;{dev_name}&lt;/b&gt; ({dev} examples)</source>
        <translation>划分（训练面板）：全部 {train} 个用于训练；验证集：示例自带的 &lt;b&gt;{dev_name}&lt;/b&gt;（{dev} 个）</translation>
    </message>
    <message>
        <source>Split (Training dock, train fraction {fraction:g}): all {train} for training, no dev set</source>
        <translation>划分（训练面板，训练比例 {fraction:g}）：全部 {train} 个用于训练，没有验证集</translation>
    </message>
    <message>
        <source>Split (Training dock, train fraction {fraction:g}): {train} train, {dev} dev</source>
        <translation>划分（训练面板，训练比例 {fraction:g}）：训练集 {train} 个，验证集 {dev} 个</translation>
    </message>
    <message>
        <source> (training now uses the generated set {name}, not this data; choose it in the Training dock&apos;s Data list)</source>
        <translation>（训练现在用的是生成的数据集 {name}，而不是这份数据；请在训练面板的“数据”列表中选择它）</translation>
    </message>
    <message>
        <source>Arrays: {arrays}</source>
        <translation>数组：{arrays}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt;: {n} examples. {description}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt;：{n} 个样本。{description}</translation>
    </message>
    <message>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Feeds: the graph has no input nodes.</source>
        <translation>输入：这张图没有输入节点。</translation>
    </message>
    <message>
        <source>array &lt;b&gt;{array}&lt;/b&gt; {shape} → input &lt;b&gt;{node}&lt;/b&gt;</source>
        <translation>数组 &lt;b&gt;{array}&lt;/b&gt; {shape} → 输入 &lt;b&gt;{node}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Feeds: {feeds}</source>
        <translation>输入：{feeds}</translation>
    </message>
    <message>
        <source>Load a data set first (File → Data).</source>
        <translation>请先载入数据集（文件 → 数据）。</translation>
    </message>
    <message>
        <source>Timing… (the loop version runs example by example)</source>
        <translation>计时中…（循环版本逐个样本运行）</translation>
    </message>
    <message>
        <source>Cannot time it: {why}</source>
        <translation>无法计时：{why}</translation>
    </message>
    <message>
        <source>On {examples} examples × {features} features ({task}): loops &lt;b&gt;{loop_ms:.1f} ms&lt;/b&gt;, vectorized &lt;b&gt;{vector_ms:.2f} ms&lt;/b&gt; — &lt;b&gt;{speedup:.0f}×&lt;/b&gt; faster. Both give the same step (largest difference {difference:.1e}).</source>
        <translation>在 {examples} 个样本 × {features} 个特征（{task}）上：循环 &lt;b&gt;{loop_ms:.1f} ms&lt;/b&gt;，向量化 &lt;b&gt;{vector_ms:.2f} ms&lt;/b&gt;——快 &lt;b&gt;{speedup:.0f}×&lt;/b&gt;。两者得到同样的一步（最大差异 {difference:.1e}）。</translation>
    </message>
</context>
<context>
    <name>DecisionBoundary</name>
    <message>
        <source>Add a point of class {cls} at ({x:.2f}, {y:.2f})</source>
        <translation>在 ({x:.2f}, {y:.2f}) 添加一个类别 {cls} 的点</translation>
    </message>
    <message>
        <source>Cannot add a point: {error}</source>
        <translation>无法添加点：{error}</translation>
    </message>
    <message>
        <source>The class of the point a click on the plane adds to the data</source>
        <translation>在平面上点击时添加到数据中的点的类别</translation>
    </message>
    <message>
        <source>Click adds class</source>
        <translation>点击添加类别</translation>
    </message>
    <message>
        <source>class {n}</source>
        <translation>类别 {n}</translation>
    </message>
    <message>
        <source>The decision boundary needs a graph whose input takes points of a plane (shape N x 2), e.g. the XOR example.</source>
        <translation>决策边界需要一张输入为平面上的点（形状 N x 2）的图，例如 XOR 示例。</translation>
    </message>
    <message>
        <source>No data loaded: the plane shows the network alone; open an example with 2-D data to see points.</source>
        <translation>没有载入数据：平面上只显示网络本身；打开一个二维数据的示例就能看到数据点。</translation>
    </message>
    <message>
        <source>A large network: the plane is computed on a {n}×{n} grid to stay live.</source>
        <translation>网络较大：为了保持实时，平面在 {n}×{n} 的网格上计算。</translation>
    </message>
    <message>
        <source>prediction; ● train, □ dev (live)</source>
        <translation>预测；● 训练集，□ 验证集（实时）</translation>
    </message>
    <message>
        <source>prediction; ● train, □ dev</source>
        <translation>预测；● 训练集，□ 验证集</translation>
    </message>
    <message>
        <source>{layer} ({n} units)</source>
        <translation>{layer}（{n} 个单元）</translation>
    </message>
    <message>
        <source>selected layer&apos;s units: red +, blue −</source>
        <translation>所选层的单元：红 +，蓝 −</translation>
    </message>
    <message>
        <source>hidden units: red +, blue −</source>
        <translation>隐藏单元：红 +，蓝 −</translation>
    </message>
    <message>
        <source>no hidden units</source>
        <translation>没有隐藏单元</translation>
    </message>
    <message>
        <source>No non-linear activation: {layers} collapse to one affine map a = W·x + b with W = {formula} = {W} and b = {b}. Its boundary W·x + b = 0 (dashed) lies exactly on the network&apos;s: depth without non-linearity is still one straight line.</source>
        <translation>没有非线性激活函数：{layers} 合并成一个仿射映射 a = W·x + b，其中 W = {formula} = {W}，b = {b}。它的边界 W·x + b = 0（虚线）与网络的边界完全重合：没有非线性，再深也只是一条直线。</translation>
    </message>
    <message>
        <source>Cannot add a point: there is no labelled data to add it to; open an example with 2-D data first</source>
        <translation>无法添加点：没有可以添加到的带标签数据；请先打开一个二维数据的示例</translation>
    </message>
</context>
<context>
    <name>Editing</name>
    <message>
        <source>Select nodes to copy</source>
        <translation>请先选中要复制的节点</translation>
    </message>
    <message>
        <source>Copied 1 node</source>
        <translation>已复制 1 个节点</translation>
    </message>
    <message>
        <source>Copied {count} nodes</source>
        <translation>已复制 {count} 个节点</translation>
    </message>
    <message>
        <source>The clipboard holds no nodes to paste; copy nodes (Ctrl+C) first</source>
        <translation>剪贴板里没有可粘贴的节点；请先复制节点（Ctrl+C）</translation>
    </message>
    <message>
        <source>Select nodes to duplicate</source>
        <translation>请先选中要制作副本的节点</translation>
    </message>
    <message>
        <source>Select nodes or wires to delete</source>
        <translation>请先选中要删除的节点或连线</translation>
    </message>
    <message>
        <source>Delete: not while training runs; stop training first</source>
        <translation>删除：训练进行时不能删除；请先停止训练</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Auto layout</source>
        <translation>自动布局</translation>
    </message>
    <message>
        <source>Select nodes to group</source>
        <translation>请先选中要编组的节点</translation>
    </message>
    <message>
        <source>Select a group (or a node in one) to ungroup</source>
        <translation>请先选中一个分组（或分组中的一个节点）再取消编组</translation>
    </message>
    <message>
        <source>could not write {path}</source>
        <translation>无法写入 {path}</translation>
    </message>
</context>
<context>
    <name>Embeddings</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>euclidean</source>
        <translation>欧氏距离</translation>
    </message>
    <message>
        <source>cosine</source>
        <translation>余弦距离</translation>
    </message>
    <message>
        <source>re-project while training</source>
        <translation>训练时重新投影</translation>
    </message>
    <message>
        <source>neighbours by</source>
        <translation>近邻距离</translation>
    </message>
    <message>
        <source>Hover over a point to see it; click one for its neighbours.</source>
        <translation>把鼠标悬停在一个点上查看它；点击一个点查看它的近邻。</translation>
    </message>
    <message>
        <source>item</source>
        <translation>项</translation>
    </message>
    <message>
        <source>distance</source>
        <translation>距离</translation>
    </message>
    <message>
        <source>rank in picture</source>
        <translation>图中排名</translation>
    </message>
    <message>
        <source>Double-click a neighbour to pick it in turn</source>
        <translation>双击一个近邻，改为选中它</translation>
    </message>
    <message>
        <source>Neighbours</source>
        <translation>近邻</translation>
    </message>
    <message>
        <source>Similar images</source>
        <translation>相似图像</translation>
    </message>
    <message>
        <source>Nothing to project yet: add an embedding node, or load data (File → Data) and pick a layer.</source>
        <translation>还没有可投影的东西：添加一个 embedding 节点，或者载入数据（文件 → 数据）并选一个层。</translation>
    </message>
    <message>
        <source>Projecting…</source>
        <translation>正在投影…</translation>
    </message>
    <message>
        <source>{method} projection</source>
        <translation>{method} 投影</translation>
    </message>
    <message>
        <source>t-SNE runs in a background process (one thread); the window stays usable. Cancel stops it at once.</source>
        <translation>t-SNE 在后台进程中运行（一个线程）；窗口仍可使用。按“取消”立即停止它。</translation>
    </message>
    <message>
        <source>Cannot project: {error}</source>
        <translation>无法投影：{error}</translation>
    </message>
    <message>
        <source>t-SNE cancelled; choose PCA or start it again.</source>
        <translation>t-SNE 已取消；选择 PCA，或者重新开始。</translation>
    </message>
    <message>
        <source>{n} points: {what} ({numbers} numbers each), by {method}.</source>
        <translation>{n} 个点：{what}（每个 {numbers} 个数），用 {method} 投影。</translation>
    </message>
    <message>
        <source>far in picture</source>
        <translation>图中离得远</translation>
    </message>
    <message>
        <source>{far} of the {k} nearest neighbours of {point} (in its {numbers}-number space) are not among the {rank} points nearest to it in this picture. A 2-D projection cannot keep every distance: trust the list, not the picture.</source>
        <translation>{point} 的 {k} 个最近邻（在它的 {numbers} 维空间中）有 {far} 个不在这张图中离它最近的 {rank} 个点里。二维投影无法保住所有距离：请相信列表，而不是图。</translation>
    </message>
    <message>
        <source>All {k} nearest neighbours of {point} are near it in the picture too.</source>
        <translation>{point} 的全部 {k} 个最近邻在图中也离它很近。</translation>
    </message>
</context>
<context>
    <name>ExampleGuide</name>
    <message>
        <source>No example open</source>
        <translation>没有打开示例</translation>
    </message>
    <message>
        <source>Open one from Help → Examples or File → Examples; its guide appears here with things to try.</source>
        <translation>从“帮助 → 示例”或“文件 → 示例”打开一个示例；它的导读会显示在这里，附有可以动手尝试的内容。</translation>
    </message>
    <message>
        <source>What it shows.</source>
        <translation>展示内容：</translation>
    </message>
    <message>
        <source>What to try</source>
        <translation>动手试一试</translation>
    </message>
    <message>
        <source>What to look for.</source>
        <translation>观察要点：</translation>
    </message>
    <message>
        <source>{step}: the {panel} panel has no tab {tab}</source>
        <translation>{step}：{panel} 面板中没有标签页 {tab}</translation>
    </message>
    <message>
        <source>{step}: the {panel} panel has no button {button}</source>
        <translation>{step}：{panel} 面板中没有按钮 {button}</translation>
    </message>
    <message>
        <source>{step}: this graph has no node named {names} (it was edited); reopen the example</source>
        <translation>{step}：这张图里没有名为 {names} 的节点（图已被修改）；请重新打开这个示例</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt;: {nodes} nodes, {params:,} parameters. Double-click a module to expand it.</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt;：{nodes} 个节点，{params:,} 个参数。双击一个模块即可展开。</translation>
    </message>
    <message>
        <source>Open here</source>
        <translation>在此打开</translation>
    </message>
    <message>
        <source>Open it in the main window, with every panel (replaces the graph open there)</source>
        <translation>在主窗口中打开，带上所有面板（替换那里打开的图）</translation>
    </message>
    <message>
        <source>There is no model {model} to open beside; choose one of {models}</source>
        <translation>没有可在旁边打开的模型 {model}；请从 {models} 中选择</translation>
    </message>
    <message>
        <source>{model} is already being opened; wait for it or cancel it</source>
        <translation>{model} 正在打开；请等待或取消</translation>
    </message>
    <message>
        <source>Opening {model}…</source>
        <translation>正在打开 {model}…</translation>
    </message>
    <message>
        <source>{model} opened in a second window</source>
        <translation>{model} 已在第二个窗口中打开</translation>
    </message>
    <message>
        <source>{model} could not be opened: {why}</source>
        <translation>无法打开 {model}：{why}</translation>
    </message>
    <message>
        <source>Opening was cancelled</source>
        <translation>打开已取消</translation>
    </message>
</context>
<context>
    <name>FeatureMaps</name>
    <message>
        <source>local</source>
        <translation>各自</translation>
    </message>
    <message>
        <source>shared</source>
        <translation>共享</translation>
    </message>
    <message>
        <source>global</source>
        <translation>全局</translation>
    </message>
    <message>
        <source>computing the maps…</source>
        <translation>正在计算特征图…</translation>
    </message>
    <message>
        <source>the conv, pool or activation node whose maps are shown</source>
        <translation>显示其特征图的卷积、池化或激活节点</translation>
    </message>
    <message>
        <source>local: each map its own range; shared: one range for this example; global: one range over many examples</source>
        <translation>各自：每张特征图用自己的范围；共享：这个样本用一个范围；全局：许多样本共用一个范围</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>色标</translation>
    </message>
    <message>
        <source>the example whose maps are shown</source>
        <translation>显示其特征图的样本</translation>
    </message>
    <message>
        <source>Hover a cell: its formula in numbers, and its sources on the canvas. Click it: its receptive field.</source>
        <translation>悬停在一个格子上：显示代入数字的公式，并在画布上标出它的来源。点击它：显示它的感受野。</translation>
    </message>
    <message>
        <source>No conv, pool or activation node with 2-D maps in this graph; open the Small CNN example or add a conv2d node.</source>
        <translation>这张图里没有输出二维特征图的卷积、池化或激活节点；请打开“小型卷积网络”示例，或添加一个 conv2d 节点。</translation>
    </message>
    <message>
        <source>No data set is loaded: these are random inputs (uniform in [0, 1)); load one to see real examples.</source>
        <translation>没有载入数据集：这些是随机输入（在 [0, 1) 上均匀分布）；载入一个数据集来查看真实样本。</translation>
    </message>
    <message>
        <source>{node} · {n} maps {h}x{w} · ex {example}</source>
        <translation>{node} · {n} 张特征图 {h}x{w} · 样本 {example}</translation>
    </message>
    <message>
        <source>{scale} colour scale; signed maps are diverging: blue &lt; 0 &lt; red, white 0</source>
        <translation>{scale}色标；有正负的特征图用发散色：蓝 &lt; 0 &lt; 红，白为 0</translation>
    </message>
    <message>
        <source>{scale} colour scale; dark low, yellow high</source>
        <translation>{scale}色标；暗处低，黄色高</translation>
    </message>
    <message>
        <source>{node} kernels</source>
        <translation>{node} 的卷积核</translation>
    </message>
    <message>
        <source>no kernels (not made by a conv)</source>
        <translation>没有卷积核（不是由卷积产生的）</translation>
    </message>
    <message>
        <source>cannot trace this cell: {error}; the maps are recomputed after edits</source>
        <translation>无法追踪这个格子：{error}；编辑之后特征图会重新计算</translation>
    </message>
    <message>
        <source>{formula}    (map {map})</source>
        <translation>{formula}    （特征图 {map}）</translation>
    </message>
    <message>
        <source>cannot compute this receptive field: {error}</source>
        <translation>无法计算这个感受野：{error}</translation>
    </message>
    <message>
        <source>cannot trace this entry: {error}</source>
        <translation>无法追踪这个元素：{error}</translation>
    </message>
    <message>
        <source>{head}: the seed of the backward pass</source>
        <translation>{head}：反向传播的起点</translation>
    </message>
    <message>
        <source>{node} (1 cell)</source>
        <translation>{node}（1 个格子）</translation>
    </message>
    <message>
        <source>{node} ({k} cells)</source>
        <translation>{node}（{k} 个格子）</translation>
    </message>
    <message>
        <source>{head}, summed over {n} consumers: {parts}</source>
        <translation>{head}，由 {n} 个使用者的梯度相加而来：{parts}</translation>
    </message>
    <message>
        <source>{head}, from ∂J/∂ of {parts}</source>
        <translation>{head}，来自 {parts} 的 ∂J/∂</translation>
    </message>
    <message>
        <source>Receptive field of {value}: {formula}. Amber: |∂ value / ∂ map|, the effective footprint, from one backward pass.</source>
        <translation>{value} 的感受野：{formula}。琥珀色：|∂ 值 / ∂ 特征图|，即有效覆盖范围，来自一次反向传播。</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <source>Cannot open file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <source>{file} could not be opened:
{why}

The graph you had open is unchanged.</source>
        <translation>无法打开 {file}：
{why}

你原来打开的图没有改变。</translation>
    </message>
    <message>
        <source>Could not open {path}: {why}</source>
        <translation>无法打开 {path}：{why}</translation>
    </message>
    <message>
        <source>{file}: its data could not be read ({why}); the graph opened without it</source>
        <translation>{file}：无法读取它的数据（{why}）；图已打开，但不带数据</translation>
    </message>
    <message>
        <source>Opened {path}</source>
        <translation>已打开 {path}</translation>
    </message>
    <message>
        <source>Cannot open example</source>
        <translation>无法打开示例</translation>
    </message>
    <message>
        <source>Example: {title}</source>
        <translation>示例：{title}</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>{path} is a folder; choose a file name inside it (Save As…). Nothing was written; your graph is still open.</source>
        <translation>{path} 是一个文件夹；请在其中选一个文件名（另存为…）。什么也没有写入；你的图仍然开着。</translation>
    </message>
    <message>
        <source>{path} could not be written: {why}.
Nothing was lost: your graph is still open; choose another place with Save As….</source>
        <translation>无法写入 {path}：{why}。
什么也没有丢失：你的图仍然开着；请用“另存为…”选择另一个位置。</translation>
    </message>
    <message>
        <source>Saved file cannot be reopened</source>
        <translation>保存的文件无法重新打开</translation>
    </message>
    <message>
        <source>{path} was written, but reading it back fails:
{why}

Keep this window open: your graph still counts as unsaved. Change the part the message names, then save again.</source>
        <translation>{path} 已写入，但读回时失败：
{why}

请保持这个窗口打开：你的图仍算作未保存。修改消息中提到的部分，然后再保存一次。</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>It was kept as {path}.</source>
        <translation>它已另存为 {path}。</translation>
    </message>
    <message>
        <source>It is still at {path}.</source>
        <translation>它仍在 {path}。</translation>
    </message>
    <message>
        <source>Cannot recover</source>
        <translation>无法恢复</translation>
    </message>
    <message>
        <source>The autosaved graph could not be read:
{why}

{where} The app starts with an empty graph.</source>
        <translation>无法读取自动保存的图：
{why}

{where}程序将以一张空图启动。</translation>
    </message>
    <message>
        <source>Recovered the unsaved changes to {name}; save to keep them</source>
        <translation>已恢复对 {name} 未保存的更改；请保存以留住它们</translation>
    </message>
    <message>
        <source>Open graph</source>
        <translation>打开图</translation>
    </message>
    <message>
        <source>Save graph as</source>
        <translation>图另存为</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>Save the changes to {name}?</source>
        <translation>保存对 {name} 的更改吗？</translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation>恢复未保存的工作</translation>
    </message>
    <message>
        <source>The app did not close normally last time. Recover the unsaved changes to {what}?</source>
        <translation>程序上次没有正常关闭。要恢复对 {what} 未保存的更改吗？</translation>
    </message>
    <message>
        <source>that name is a folder; choose a file name</source>
        <translation>这个名字是一个文件夹；请选一个文件名</translation>
    </message>
    <message>
        <source>the folder {folder} does not exist</source>
        <translation>文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <source>there is no permission to write in {folder}</source>
        <translation>没有在 {folder} 中写入的权限</translation>
    </message>
    <message>
        <source>{folder} does not accept new files ({why})</source>
        <translation>{folder} 不接受新文件（{why}）</translation>
    </message>
    <message>
        <source>there is no such file (it may have been moved or deleted)</source>
        <translation>没有这个文件（它可能已被移动或删除）</translation>
    </message>
    <message>
        <source>that is a folder; choose a graph file (.gvz or .json) inside it</source>
        <translation>那是一个文件夹；请在其中选择一个图文件（.gvz 或 .json）</translation>
    </message>
    <message>
        <source>there is no permission to read it</source>
        <translation>没有读取它的权限</translation>
    </message>
    <message>
        <source>Autosave failed: {why}</source>
        <translation>自动保存失败：{why}</translation>
    </message>
    <message>
        <source>Graphs (*.gvz *.json);;All files (*)</source>
        <translation>图 (*.gvz *.json);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>FilterLab</name>
    <message>
        <source>identity</source>
        <translation>恒等</translation>
    </message>
    <message>
        <source>sobel x</source>
        <translation>Sobel x 算子</translation>
    </message>
    <message>
        <source>sobel y</source>
        <translation>Sobel y 算子</translation>
    </message>
    <message>
        <source>sobel magnitude</source>
        <translation>Sobel 幅值</translation>
    </message>
    <message>
        <source>prewitt x</source>
        <translation>Prewitt x 算子</translation>
    </message>
    <message>
        <source>prewitt y</source>
        <translation>Prewitt y 算子</translation>
    </message>
    <message>
        <source>laplacian 4</source>
        <translation>拉普拉斯 4</translation>
    </message>
    <message>
        <source>laplacian 8</source>
        <translation>拉普拉斯 8</translation>
    </message>
    <message>
        <source>box blur 3</source>
        <translation>均值模糊 3</translation>
    </message>
    <message>
        <source>box blur 5</source>
        <translation>均值模糊 5</translation>
    </message>
    <message>
        <source>gaussian</source>
        <translation>高斯</translation>
    </message>
    <message>
        <source>sharpen</source>
        <translation>锐化</translation>
    </message>
    <message>
        <source>emboss</source>
        <translation>浮雕</translation>
    </message>
    <message>
        <source>outline</source>
        <translation>轮廓</translation>
    </message>
    <message>
        <source>scene</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>shapes</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>textures</source>
        <translation>纹理</translation>
    </message>
    <message>
        <source>gradients</source>
        <translation>渐变</translation>
    </message>
    <message>
        <source>china (photo)</source>
        <translation>中国寺庙（照片）</translation>
    </message>
    <message>
        <source>flower (photo)</source>
        <translation>花（照片）</translation>
    </message>
    <message>
        <source>{node} filter {n}</source>
        <translation>{node} 滤波器 {n}</translation>
    </message>
    <message>
        <source>{name} (photo)</source>
        <translation>{name}（照片）</translation>
    </message>
    <message>
        <source>Open Image…</source>
        <translation>打开图像…</translation>
    </message>
    <message>
        <source>samples…</source>
        <translation>示例图像…</translation>
    </message>
    <message>
        <source>Kernels</source>
        <translation>卷积核</translation>
    </message>
    <message>
        <source>the Gaussian blur&apos;s σ in pixels</source>
        <translation>高斯模糊的 σ（像素）</translation>
    </message>
    <message>
        <source>per filter</source>
        <translation>每个滤波器</translation>
    </message>
    <message>
        <source>shared</source>
        <translation>共享</translation>
    </message>
    <message>
        <source>per filter: each picture its own range; shared: one range</source>
        <translation>每个滤波器：每张图用自己的范围；共享：用同一个范围</translation>
    </message>
    <message>
        <source>add the learned filters of a conv node of the graph</source>
        <translation>加入图中某个卷积节点学到的滤波器</translation>
    </message>
    <message>
        <source>run the graph up to this node on the image (resized to the network&apos;s input) and show its channels</source>
        <translation>在图像上（缩放到网络的输入尺寸）把图运行到这个节点，并显示它的各个通道</translation>
    </message>
    <message>
        <source>Run on image</source>
        <translation>在图像上运行</translation>
    </message>
    <message>
        <source>Learned</source>
        <translation>学到的</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>my kernel: 1 0 -1; 2 0 -2; 1 0 -1</source>
        <translation>我的卷积核: 1 0 -1; 2 0 -2; 1 0 -1</translation>
    </message>
    <message>
        <source>3, 5 or 7 rows of as many numbers, rows separated by &apos;;&apos;</source>
        <translation>3、5 或 7 行，每行同样多个数，行之间用 &apos;;&apos; 分隔</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>remove my kernels</source>
        <translation>删除我的卷积核</translation>
    </message>
    <message>
        <source>signed responses: blue below 0, white 0, red above; each title gives the range, nothing is clipped</source>
        <translation>有正负的响应：低于 0 为蓝，0 为白，高于 0 为红；每个标题给出范围，不做截断</translation>
    </message>
    <message>
        <source>−max</source>
        <translation>−最大值</translation>
    </message>
    <message>
        <source>+max</source>
        <translation>+最大值</translation>
    </message>
    <message>
        <source>Hover a pixel to see the kernel × patch sum behind it.</source>
        <translation>悬停在一个像素上，看它背后的“卷积核 × 图块”之和。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>choose a node</source>
        <translation>选择一个节点</translation>
    </message>
    <message>
        <source>Open Image</source>
        <translation>打开图像</translation>
    </message>
    <message>
        <source>{image}: {w}x{h}, grey</source>
        <translation>{image}：{w}x{h}，灰度</translation>
    </message>
    <message>
        <source>{image}: {w}x{h}, colour (filtered as luminance)</source>
        <translation>{image}：{w}x{h}，彩色（按亮度滤波）</translation>
    </message>
    <message>
        <source>Custom kernel: {error}</source>
        <translation>自定义卷积核：{error}</translation>
    </message>
    <message>
        <source>mine {n} ({k}x{k})</source>
        <translation>我的 {n}（{k}x{k}）</translation>
    </message>
    <message>
        <source>Choose a node (and load an image) first.</source>
        <translation>请先选择一个节点（并载入一张图像）。</translation>
    </message>
    <message>
        <source>{node} depends on {n} inputs; choose a node fed by one image input</source>
        <translation>{node} 依赖 {n} 个输入；请选择一个只由一个图像输入提供数据的节点</translation>
    </message>
    <message>
        <source>input {node} is {shape}, not N x C x H x W images</source>
        <translation>输入 {node} 是 {shape}，不是 N x C x H x W 的图像</translation>
    </message>
    <message>
        <source>{node} ch {c}</source>
        <translation>{node} 通道 {c}</translation>
    </message>
    <message>
        <source>{node} on {image} resized to {w}x{h}: {c} channels of {oh}x{ow}</source>
        <translation>{node} 作用于缩放到 {w}x{h} 的{image}：{c} 个 {oh}x{ow} 的通道</translation>
    </message>
    <message>
        <source>{image} (input)</source>
        <translation>{image}（输入）</translation>
    </message>
    <message>
        <source>image at row {i}, column {j}: luminance {value}</source>
        <translation>图像第 {i} 行、第 {j} 列：亮度 {value}</translation>
    </message>
    <message>
        <source> + … ({n} terms)</source>
        <translation> + …（共 {n} 项）</translation>
    </message>
    <message>
        <source>{kernel} at ({i}, {j}): Σ kernel × patch = {terms}{more} = {total}</source>
        <translation>{kernel} 在 ({i}, {j})：Σ 卷积核 × 图块 = {terms}{more} = {total}</translation>
    </message>
    <message>
        <source>cannot trace this pixel: {error}; run the node again</source>
        <translation>无法追踪这个像素：{error}；请重新运行该节点</translation>
    </message>
    <message>
        <source>{kernel} at ({i}, {j}) = {value}</source>
        <translation>{kernel} 在 ({i}, {j}) = {value}</translation>
    </message>
    <message>
        <source>Open &amp;Image…</source>
        <translation>打开图像(&amp;I)…</translation>
    </message>
    <message>
        <source>Load an image into the Filter lab</source>
        <translation>把一张图像载入滤波器实验室</translation>
    </message>
</context>
<context>
    <name>GradcheckPanel</name>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Array</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>元素数</translation>
    </message>
    <message>
        <source>‖analytical‖</source>
        <translation>‖解析‖</translation>
    </message>
    <message>
        <source>‖numerical‖</source>
        <translation>‖数值‖</translation>
    </message>
    <message>
        <source>Relative error</source>
        <translation>相对误差</translation>
    </message>
    <message>
        <source>Noise floor</source>
        <translation>噪声底</translation>
    </message>
    <message>
        <source>good</source>
        <translation>良好</translation>
    </message>
    <message>
        <source>at the noise floor</source>
        <translation>处于噪声底</translation>
    </message>
    <message>
        <source>look closer</source>
        <translation>需要细看</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>only kinks sampled</source>
        <translation>只采到了不可导点</translation>
    </message>
    <message>
        <source>Relative error ‖a − n‖ / (‖a‖ + ‖n‖): below {good:g} good. Otherwise the difference is set against the noise floor (how far rounding in J and the step ε can move the finite differences): within it, at the noise floor; what is left above it below {check:g} of the gradients&apos; size, look closer; more, wrong.</source>
        <translation>相对误差 ‖a − n‖ / (‖a‖ + ‖n‖)：低于 {good:g} 为良好。否则把差异与噪声底比较（J 中的舍入和步长 ε 能让有限差分变动多少）：在噪声底之内，为“处于噪声底”；超出噪声底的部分低于梯度大小的 {check:g}，为“需要细看”；更多，为“错误”。</translation>
    </message>
    <message>
        <source>{reason}; nothing to show</source>
        <translation>{reason}；没有可显示的结果</translation>
    </message>
    <message>
        <source>gradient check failed: {error}</source>
        <translation>梯度检验失败：{error}</translation>
    </message>
    <message>
        <source> (+{n} at kinks)</source>
        <translation>（另有 {n} 个在不可导点）</translation>
    </message>
    <message>
        <source> (+{n} unmoved)</source>
        <translation>（另有 {n} 个未改变 J）</translation>
    </message>
    <message>
        <source>No trainable arrays to check: add a parameter or a layer with weights (dense, conv2d, …), or unfreeze one.</source>
        <translation>没有可检验的可训练数组：添加一个参数或一个带权重的层（dense、conv2d 等），或者解冻一个。</translation>
    </message>
    <message>
        <source>gradient check: no trainable arrays to check: add a parameter or a layer with weights (dense, conv2d, …), or unfreeze one.</source>
        <translation>梯度检验：没有可检验的可训练数组：添加一个参数或一个带权重的层（dense、conv2d 等），或者解冻一个。</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#c0392b&apos;&gt;{n} wrong&lt;/b&gt;: {arrays}</source>
        <translation>&lt;b style=&apos;color:#c0392b&apos;&gt;{n} 个错误&lt;/b&gt;：{arrays}</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#a66b00&apos;&gt;{n} to look at closer&lt;/b&gt;, {good} good</source>
        <translation>&lt;b style=&apos;color:#a66b00&apos;&gt;{n} 个需要细看&lt;/b&gt;，{good} 个良好</translation>
    </message>
    <message>
        <source>, {n} at the noise floor</source>
        <translation>，{n} 个处于噪声底</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#2a7a2a&apos;&gt;No wrong gradient&lt;/b&gt;: {good} good, {floor} at the noise floor (their gradients are so small that the finite differences are mostly rounding noise; backpropagation agrees with them as closely as they can tell).</source>
        <translation>&lt;b style=&apos;color:#2a7a2a&apos;&gt;没有错误的梯度&lt;/b&gt;：{good} 个良好，{floor} 个处于噪声底（它们的梯度太小，有限差分几乎只剩舍入噪声；在有限差分能分辨的精度内，反向传播与之一致）。</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#2a7a2a&apos;&gt;All {n} arrays good&lt;/b&gt;: backpropagation agrees with finite differences.</source>
        <translation>&lt;b style=&apos;color:#2a7a2a&apos;&gt;全部 {n} 个数组良好&lt;/b&gt;：反向传播与有限差分一致。</translation>
    </message>
    <message>
        <source> {n} sampled entry sat on a kink (ReLU at 0, a max-pool tie) where J has no derivative, and was left out.</source>
        <translation> 有 {n} 个采样元素落在不可导点上（ReLU 在 0 处、最大池化并列），J 在那里没有导数，已略去。</translation>
    </message>
    <message>
        <source> {n} sampled entries sat on a kink (ReLU at 0, a max-pool tie) where J has no derivative, and were left out.</source>
        <translation> 有 {n} 个采样元素落在不可导点上（ReLU 在 0 处、最大池化并列），J 在那里没有导数，已略去。</translation>
    </message>
    <message>
        <source> {n} sampled entry did not move J at all (its gradient is below what J resolves), and was left out.</source>
        <translation> 有 {n} 个采样元素完全没有改变 J（它的梯度低于 J 能分辨的精度），已略去。</translation>
    </message>
    <message>
        <source> {n} sampled entries did not move J at all (their gradients are below what J resolves), and were left out.</source>
        <translation> 有 {n} 个采样元素完全没有改变 J（它们的梯度低于 J 能分辨的精度），已略去。</translation>
    </message>
    <message>
        <source>&lt;br&gt;ε = {eps:g}; noise floor up to {floor:.1e} ({array}), from rounding in J at ±ε and ±2ε.</source>
        <translation>&lt;br&gt;ε = {eps:g}；噪声底最高 {floor:.1e}（{array}），来自 J 在 ±ε 和 ±2ε 处的舍入。</translation>
    </message>
    <message>
        <source>Check gradients</source>
        <translation>检验梯度</translation>
    </message>
    <message>
        <source>Compare backpropagation with (J(θ+ε) − J(θ−ε)) / 2ε for every parameter</source>
        <translation>对每个参数，把反向传播与 (J(θ+ε) − J(θ−ε)) / 2ε 比较</translation>
    </message>
    <message>
        <source>entries per array</source>
        <translation>每个数组的元素数</translation>
    </message>
    <message>
        <source>Bigger arrays are checked on a fixed random sample</source>
        <translation>较大的数组只检验一个固定的随机样本</translation>
    </message>
    <message>
        <source>The step of the finite differences: smaller steps cut the truncation error ε²·J‴/6 but raise the rounding noise σ/ε</source>
        <translation>有限差分的步长：步长越小，截断误差 ε²·J‴/6 越小，但舍入噪声 σ/ε 越大</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the check (it runs two or four forward passes per checked entry)</source>
        <translation>停止检验（每检验一个元素要做两次或四次前向传播）</translation>
    </message>
    <message>
        <source>gradient check with random numbers for {inputs}</source>
        <translation>梯度检验对 {inputs} 使用随机数</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>检验中…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
</context>
<context>
    <name>HiddenUnits</name>
    <message>
        <source>The hidden layer whose units are compared with the factors (follows the selection on the canvas)</source>
        <translation>与隐藏因素比较其单元的隐藏层（跟随画布上的选择）</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>{layer} ({n} units, {activation})</source>
        <translation>{layer}（{n} 个单元，{activation}）</translation>
    </message>
    <message>
        <source>This table needs data generated from known hidden factors: open the House prices example (Examples menu), train it, and see which factor each hidden unit has come to stand for.</source>
        <translation>这张表需要由已知隐藏因素生成的数据：打开“房价”示例（示例菜单），训练它，看每个隐藏单元最终代表了哪个因素。</translation>
    </message>
    <message>
        <source>The graph has no hidden layer to compare with the factors.</source>
        <translation>这张图没有可以与隐藏因素比较的隐藏层。</translation>
    </message>
    <message>
        <source>factor {n}</source>
        <translation>因素 {n}</translation>
    </message>
    <message>
        <source>strongest</source>
        <translation>最强</translation>
    </message>
    <message>
        <source>unit {n}</source>
        <translation>单元 {n}</translation>
    </message>
    <message>
        <source>dead: constant on every example</source>
        <translation>死亡：在每个样本上都是常数</translation>
    </message>
    <message>
        <source> Live: the running run&apos;s current weights.</source>
        <translation> 实时：正在进行的运行的当前权重。</translation>
    </message>
    <message>
        <source>Pearson correlation of each unit of {layer} with each hidden factor, over {n} houses. Nobody told the network about these factors; after training, units tend to track one of them (▶ marks each unit&apos;s strongest). Before training the correlations are accidents of the random weights.</source>
        <translation>{layer} 的每个单元与每个隐藏因素的皮尔逊相关系数，基于 {n} 套房子。没有人告诉网络这些因素；训练之后，单元往往会跟踪其中一个（▶ 标出每个单元最强的那个）。训练之前的相关只是随机权重的偶然结果。</translation>
    </message>
    <message>
        <source>family size</source>
        <translation>家庭人口</translation>
    </message>
    <message>
        <source>walkability</source>
        <translation>步行便利程度</translation>
    </message>
    <message>
        <source>school quality</source>
        <translation>学校质量</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>&lt;opened&gt;</source>
        <translation>&lt;打开时&gt;</translation>
    </message>
    <message>
        <source>Click an entry to go back to that point; click a later one to redo.</source>
        <translation>点击一个条目回到那一步；点击之后的条目即重做。</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>Select a node to see and edit it.</source>
        <translation>选中一个节点来查看和编辑它。</translation>
    </message>
    <message>
        <source>{n} nodes selected.</source>
        <translation>已选中 {n} 个节点。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Op</source>
        <translation>运算</translation>
    </message>
    <message>
        <source>trainable (uncheck to freeze)</source>
        <translation>可训练（取消勾选即冻结）</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Formula</source>
        <translation>公式</translation>
    </message>
    <message>
        <source>Output size</source>
        <translation>输出尺寸</translation>
    </message>
    <message>
        <source>Arrays</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{parameters} parameters · {macs} multiply-adds per example</source>
        <translation>{parameters} 个参数 · 每个样本 {macs} 次乘加</translation>
    </message>
    <message>
        <source>
backward: {formula}</source>
        <translation>
反向：{formula}</translation>
    </message>
    <message>
        <source>Whole graph: {counts}</source>
        <translation>整张图：{counts}</translation>
    </message>
    <message>
        <source>Open {arrays} as a table or heatmap</source>
        <translation>把 {arrays} 打开为表格或热图</translation>
    </message>
    <message>
        <source>{parameters} parameters · {macs} MACs/example</source>
        <translation>{parameters} 个参数 · 每样本 {macs} 次乘加</translation>
    </message>
    <message>
        <source>Whole graph, from shapes alone: {counts}</source>
        <translation>整张图（仅由形状得出）：{counts}</translation>
    </message>
    <message>
        <source> · {n} running statistics</source>
        <translation> · {n} 个滑动统计量</translation>
    </message>
    <message>
        <source> · {n} node without a shape not counted</source>
        <translation> · {n} 个没有形状的节点未计入</translation>
    </message>
    <message>
        <source> · {n} nodes without a shape not counted</source>
        <translation> · {n} 个没有形状的节点未计入</translation>
    </message>
</context>
<context>
    <name>Interchange</name>
    <message>
        <source>unexpected {kind}: {why}</source>
        <translation>意外的 {kind}：{why}</translation>
    </message>
    <message>
        <source>Import &amp;ONNX…</source>
        <translation>导入 &amp;ONNX…</translation>
    </message>
    <message>
        <source>Open an ONNX model as a new graph (its blocks grouped)</source>
        <translation>把 ONNX 模型打开为一张新图（其中的模块各自编组）</translation>
    </message>
    <message>
        <source>&amp;ONNX…</source>
        <translation>&amp;ONNX 模型…</translation>
    </message>
    <message>
        <source>Write the graph as an ONNX model (weights included)</source>
        <translation>把这张图写成 ONNX 模型（含权重）</translation>
    </message>
    <message>
        <source>&amp;PyTorch code…</source>
        <translation>&amp;PyTorch 代码…</translation>
    </message>
    <message>
        <source>Write a PyTorch script (module, weights, training loop)</source>
        <translation>写出一个 PyTorch 脚本（模块、权重和训练循环）</translation>
    </message>
    <message>
        <source>Check with ONNX &amp;Runtime</source>
        <translation>用 ONNX &amp;Runtime 核对</translation>
    </message>
    <message>
        <source>Run the last export in onnxruntime and compare every node</source>
        <translation>在 onnxruntime 中运行最近一次导出的模型，逐个节点比较</translation>
    </message>
    <message>
        <source>Import ONNX model</source>
        <translation>导入 ONNX 模型</translation>
    </message>
    <message>
        <source>Export ONNX model</source>
        <translation>导出 ONNX 模型</translation>
    </message>
    <message>
        <source>Export PyTorch code</source>
        <translation>导出 PyTorch 代码</translation>
    </message>
    <message>
        <source>wrote {file} and its weights; run it with python {file}</source>
        <translation>已写出 {file} 及其权重；用 python {file} 运行它</translation>
    </message>
    <message>
        <source>an ONNX job is already running; wait for it or cancel it</source>
        <translation>已有一个 ONNX 任务在运行；请等待它完成或取消它</translation>
    </message>
    <message>
        <source>Importing {file}…</source>
        <translation>正在导入 {file}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Import ONNX</source>
        <translation>导入 ONNX</translation>
    </message>
    <message>
        <source>imported {file}: {nodes} nodes, {blocks} blocks grouped</source>
        <translation>已导入 {file}：{nodes} 个节点，{blocks} 个模块已编组</translation>
    </message>
    <message>
        <source>an ONNX job is already running; wait for it</source>
        <translation>已有一个 ONNX 任务在运行；请等待它完成</translation>
    </message>
    <message>
        <source>Export ONNX</source>
        <translation>导出 ONNX</translation>
    </message>
    <message>
        <source>exported {file}; Export → Check with ONNX Runtime proves it</source>
        <translation>已导出 {file}；用“导出 → 用 ONNX Runtime 核对”来验证它</translation>
    </message>
    <message>
        <source>exported {file}</source>
        <translation>已导出 {file}</translation>
    </message>
    <message>
        <source>checking with random numbers for {inputs}</source>
        <translation>用随机数代替 {inputs} 进行核对</translation>
    </message>
    <message>
        <source>Check with ONNX Runtime</source>
        <translation>用 ONNX Runtime 核对</translation>
    </message>
    <message>
        <source>ONNX Runtime agrees on all {count} nodes (largest difference {worst:.1e})</source>
        <translation>ONNX Runtime 在全部 {count} 个节点上一致（最大差异 {worst:.1e}）</translation>
    </message>
    <message>
        <source>ONNX Runtime differs by more than {tolerance:g} on {bad} of {count} nodes (red)</source>
        <translation>ONNX Runtime 在 {count} 个节点中的 {bad} 个上差异超过 {tolerance:g}（红色）</translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message>
        <source>unexpected error ({kind}): {why}</source>
        <translation>意外错误（{kind}）：{why}</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>正在处理</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Language: {name}. A panel that keeps its old texts changes at the next start.</source>
        <translation>语言：{name}。仍显示原来文字的面板会在下次启动时切换。</translation>
    </message>
    <message>
        <source>The translation could not be read; the language changes at the next start if it can be read then.</source>
        <translation>无法读取翻译文件；如果下次启动时能读取，语言会在那时切换。</translation>
    </message>
</context>
<context>
    <name>Layouts</name>
    <message>
        <source>&amp;Build</source>
        <translation>搭建(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Step</source>
        <translation>单步(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>Look &amp;inside</source>
        <translation>观察内部(&amp;I)</translation>
    </message>
</context>
<context>
    <name>LossPanel</name>
    <message>
        <source>x axis</source>
        <translation>横轴</translation>
    </message>
    <message>
        <source>iterations</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Epochs put batch, mini-batch and stochastic runs on one scale</source>
        <translation>按轮数计，批量、小批量和随机的运行处在同一标尺上</translation>
    </message>
    <message>
        <source>per iteration</source>
        <translation>每次迭代</translation>
    </message>
    <message>
        <source>log cost</source>
        <translation>对数代价</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>代价</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Tick a run to show its curves; the axes fit the runs shown</source>
        <translation>勾选一次运行来显示它的曲线；坐标轴会适应所显示的运行</translation>
    </message>
    <message>
        <source>solid: train · dashed: dev · faint: each iteration</source>
        <translation>实线：训练集 · 虚线：验证集 · 浅色：每次迭代</translation>
    </message>
    <message>
        <source>earlier graphs</source>
        <translation>之前的图</translation>
    </message>
    <message>
        <source>Also show the runs of graphs that were open before this one</source>
        <translation>同时显示在这张图之前打开过的图的运行</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>清除已完成的</translation>
    </message>
    <message>
        <source>Remove the curves of every run that is not running</source>
        <translation>删除所有不在运行中的运行的曲线</translation>
    </message>
    <message>
        <source>Train a network to see its curves and a bias/variance verdict.</source>
        <translation>训练一个网络，就能看到它的曲线和偏差/方差结论。</translation>
    </message>
    <message>
        <source>Train this network to see its curves and a bias/variance verdict.</source>
        <translation>训练这个网络，就能看到它的曲线和偏差/方差结论。</translation>
    </message>
    <message>
        <source>Accuracy (none: a regression cost)</source>
        <translation>准确率（无：这是回归代价）</translation>
    </message>
    <message>
        <source>{run} — {verdict}. {advice}</source>
        <translation>{run} — 结论：{verdict}。{advice}</translation>
    </message>
    <message>
        <source>the cost is the sum of {n} heads; each head&apos;s figures and verdict:</source>
        <translation>代价是 {n} 个输出头之和；每个输出头的数字和判断：</translation>
    </message>
    <message>
        <source>&lt;b&gt;{head}&lt;/b&gt;: cost {cost}, accuracy {acc}</source>
        <translation>&lt;b&gt;{head}&lt;/b&gt;：代价 {cost}，准确率 {acc}</translation>
    </message>
    <message>
        <source> (dev: {cost}, {acc})</source>
        <translation>（验证集：{cost}，{acc}）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Drag ops from the palette onto the canvas; wire output → input.</source>
        <translation>把运算从组件面板拖到画布上；从输出连到输入。</translation>
    </message>
    <message>
        <source>Export canvas as {kind}</source>
        <translation>将画布导出为 {kind}</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>{path} could not be written: {reason}. Choose another place.</source>
        <translation>无法写入 {path}：{reason}。请换一个位置。</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>已导出 {path}</translation>
    </message>
    <message>
        <source>Keyboard and mouse</source>
        <translation>键盘和鼠标</translation>
    </message>
    <message>
        <source>About {app}</source>
        <translation>关于 {app}</translation>
    </message>
    <message>
        <source>Build neural networks as computation graphs by drag and drop, and watch them compute and learn.</source>
        <translation>通过拖放把神经网络搭建成计算图，观察它如何计算、如何学习。</translation>
    </message>
    <message>
        <source>Stopping training before closing; its weights are kept</source>
        <translation>关闭前先停止训练；训练得到的权重会保留</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>{node} (removed)</source>
        <translation>{node}（已删除）</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Click a message that names a node to select that node</source>
        <translation>点击提到某个节点的消息即可选中那个节点</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Click to select this node</source>
        <translation>点击选中这个节点</translation>
    </message>
    <message>
        <source>node {node} is no longer in the graph</source>
        <translation>节点 {node} 已不在图中</translation>
    </message>
    <message>
        <source>{n} message</source>
        <translation>{n} 条消息</translation>
    </message>
    <message>
        <source>{n} messages</source>
        <translation>{n} 条消息</translation>
    </message>
</context>
<context>
    <name>Ops</name>
    <message>
        <source>Data fed in at run time (features or labels); the batch dimension may be open.</source>
        <translation>运行时输入的数据（特征或标签）；批量维度可以是开放的。</translation>
    </message>
    <message>
        <source>declared shape; None for an open batch dimension</source>
        <translation>声明的形状；None 表示开放的批量维度</translation>
    </message>
    <message>
        <source>float for features, int for class ids / token ids</source>
        <translation>特征用 float，类别编号 / 词元编号用 int</translation>
    </message>
    <message>
        <source>x = fed data</source>
        <translation>x = 输入的数据</translation>
    </message>
    <message>
        <source>data takes no gradient</source>
        <translation>数据不接收梯度</translation>
    </message>
    <message>
        <source>A trainable array (weights or bias) with an initializer.</source>
        <translation>带初始化方式的可训练数组（权重或偏置）。</translation>
    </message>
    <message>
        <source>shape of the array</source>
        <translation>数组的形状</translation>
    </message>
    <message>
        <source>initializer</source>
        <translation>初始化方式</translation>
    </message>
    <message>
        <source>θ (trainable)</source>
        <translation>θ（可训练）</translation>
    </message>
    <message>
        <source>∂J/∂θ is accumulated and used by the optimizer</source>
        <translation>∂J/∂θ 被累加，并由优化器使用</translation>
    </message>
    <message>
        <source>A fixed number (or an array filled with it); takes no gradient.</source>
        <translation>一个固定的数（或填满这个数的数组）；不接受梯度。</translation>
    </message>
    <message>
        <source>the number</source>
        <translation>这个数</translation>
    </message>
    <message>
        <source>shape; empty for a scalar</source>
        <translation>形状；标量则留空</translation>
    </message>
    <message>
        <source>c</source>
        <translation>c</translation>
    </message>
    <message>
        <source>constants take no gradient</source>
        <translation>常量不接收梯度</translation>
    </message>
    <message>
        <source>-x, elementwise.</source>
        <translation>-x，逐元素。</translation>
    </message>
    <message>
        <source>y = −x</source>
        <translation>y = −x</translation>
    </message>
    <message>
        <source>∂y/∂x = −1</source>
        <translation>∂y/∂x = −1</translation>
    </message>
    <message>
        <source>x raised to a fixed exponent, elementwise.</source>
        <translation>x 的固定次幂，逐元素。</translation>
    </message>
    <message>
        <source>the power p in x^p</source>
        <translation>x^p 中的指数 p</translation>
    </message>
    <message>
        <source>y = xᵖ</source>
        <translation>y = xᵖ</translation>
    </message>
    <message>
        <source>∂y/∂x = p·xᵖ⁻¹</source>
        <translation>∂y/∂x = p·xᵖ⁻¹</translation>
    </message>
    <message>
        <source>e to the power x, elementwise.</source>
        <translation>e 的 x 次幂，逐元素。</translation>
    </message>
    <message>
        <source>y = eˣ</source>
        <translation>y = eˣ</translation>
    </message>
    <message>
        <source>∂y/∂x = eˣ = y</source>
        <translation>∂y/∂x = eˣ = y</translation>
    </message>
    <message>
        <source>Natural logarithm, elementwise (x must be positive).</source>
        <translation>自然对数，逐元素（x 必须为正）。</translation>
    </message>
    <message>
        <source>y = ln x</source>
        <translation>y = ln x</translation>
    </message>
    <message>
        <source>∂y/∂x = 1/x</source>
        <translation>∂y/∂x = 1/x</translation>
    </message>
    <message>
        <source>Square root, elementwise (x must be non-negative).</source>
        <translation>平方根，逐元素（x 必须非负）。</translation>
    </message>
    <message>
        <source>y = √x</source>
        <translation>y = √x</translation>
    </message>
    <message>
        <source>∂y/∂x = 1 / (2√x)</source>
        <translation>∂y/∂x = 1 / (2√x)</translation>
    </message>
    <message>
        <source>Absolute value, elementwise.</source>
        <translation>绝对值，逐元素。</translation>
    </message>
    <message>
        <source>y = |x|</source>
        <translation>y = |x|</translation>
    </message>
    <message>
        <source>∂y/∂x = sign(x)  (0 at x = 0)</source>
        <translation>∂y/∂x = sign(x)  (0 at x = 0)</translation>
    </message>
    <message>
        <source>a + b, elementwise with broadcasting.</source>
        <translation>a + b，逐元素，支持广播。</translation>
    </message>
    <message>
        <source>y = a + b</source>
        <translation>y = a + b</translation>
    </message>
    <message>
        <source>∂y/∂a = 1, ∂y/∂b = 1 (summed over broadcast axes)</source>
        <translation>∂y/∂a = 1, ∂y/∂b = 1（在广播的轴上求和）</translation>
    </message>
    <message>
        <source>a - b, elementwise with broadcasting.</source>
        <translation>a - b，逐元素，支持广播。</translation>
    </message>
    <message>
        <source>y = a - b</source>
        <translation>y = a - b</translation>
    </message>
    <message>
        <source>∂y/∂a = 1, ∂y/∂b = -1</source>
        <translation>∂y/∂a = 1, ∂y/∂b = -1</translation>
    </message>
    <message>
        <source>a * b, elementwise with broadcasting.</source>
        <translation>a * b，逐元素，支持广播。</translation>
    </message>
    <message>
        <source>y = a · b</source>
        <translation>y = a · b</translation>
    </message>
    <message>
        <source>∂y/∂a = b, ∂y/∂b = a</source>
        <translation>∂y/∂a = b, ∂y/∂b = a</translation>
    </message>
    <message>
        <source>a / b, elementwise with broadcasting.</source>
        <translation>a / b，逐元素，支持广播。</translation>
    </message>
    <message>
        <source>y = a / b</source>
        <translation>y = a / b</translation>
    </message>
    <message>
        <source>∂y/∂a = 1/b, ∂y/∂b = -a/b²</source>
        <translation>∂y/∂a = 1/b, ∂y/∂b = -a/b²</translation>
    </message>
    <message>
        <source>Matrix product a @ b (batched over leading axes).</source>
        <translation>矩阵乘积 a @ b（在前面的轴上按批量进行）。</translation>
    </message>
    <message>
        <source>Y = A @ B</source>
        <translation>Y = A @ B</translation>
    </message>
    <message>
        <source>∂J/∂A = G @ Bᵀ, ∂J/∂B = Aᵀ @ G</source>
        <translation>∂J/∂A = G @ Bᵀ, ∂J/∂B = Aᵀ @ G</translation>
    </message>
    <message>
        <source>Sum over the chosen axes (all axes when none are chosen).</source>
        <translation>在所选轴上求和（未选轴时对所有轴求和）。</translation>
    </message>
    <message>
        <source>axes to reduce; empty for all axes</source>
        <translation>要归约的轴；留空表示所有轴</translation>
    </message>
    <message>
        <source>keep reduced axes with size 1</source>
        <translation>保留被归约的轴，大小为 1</translation>
    </message>
    <message>
        <source>y = Σᵢ xᵢ  (over the chosen axes)</source>
        <translation>y = Σᵢ xᵢ  （在所选的轴上）</translation>
    </message>
    <message>
        <source>∂y/∂xᵢ = 1  (g copied to every summed element)</source>
        <translation>∂y/∂xᵢ = 1  （g 复制到每个被求和的元素）</translation>
    </message>
    <message>
        <source>Mean over the chosen axes (all axes when none are chosen).</source>
        <translation>在所选轴上求均值（未选轴时对所有轴求均值）。</translation>
    </message>
    <message>
        <source>y = (1/n) Σᵢ xᵢ  (over the chosen axes)</source>
        <translation>y = (1/n) Σᵢ xᵢ  （在所选的轴上）</translation>
    </message>
    <message>
        <source>∂y/∂xᵢ = 1/n</source>
        <translation>∂y/∂xᵢ = 1/n</translation>
    </message>
    <message>
        <source>Same elements, new shape: 0 keeps the input&apos;s size on that axis, -1 is inferred.</source>
        <translation>元素不变，形状改变：0 保留输入在该轴上的大小，-1 自动推断。</translation>
    </message>
    <message>
        <source>new shape; 0 copies the input axis (keep the batch with a leading 0), one -1 is inferred</source>
        <translation>新形状；0 复制输入的轴（用开头的 0 保留批量），一个 -1 自动推断</translation>
    </message>
    <message>
        <source>y = reshape(x, shape)</source>
        <translation>y = reshape(x, shape)</translation>
    </message>
    <message>
        <source>∂J/∂x = reshape(∂J/∂y, shape of x)</source>
        <translation>∂J/∂x = reshape(∂J/∂y, x 的形状)</translation>
    </message>
    <message>
        <source>Permute the axes (reverse them when none are given).</source>
        <translation>重新排列各轴（不给出时把顺序反过来）。</translation>
    </message>
    <message>
        <source>new order of the axes; empty reverses them</source>
        <translation>各轴的新顺序；留空表示反转</translation>
    </message>
    <message>
        <source>y = transpose(x, axes)</source>
        <translation>y = transpose(x, axes)</translation>
    </message>
    <message>
        <source>∂J/∂x = transpose(∂J/∂y, inverse of axes)</source>
        <translation>∂J/∂x = transpose(∂J/∂y, axes 的逆排列)</translation>
    </message>
    <message>
        <source>Keep axis 0 (the batch) and flatten the rest into one axis.</source>
        <translation>保留轴 0（批量），把其余的轴展平成一个轴。</translation>
    </message>
    <message>
        <source>y = reshape(x, (B, −1))</source>
        <translation>y = reshape(x, (B, −1))</translation>
    </message>
    <message>
        <source>Join two or more arrays along one axis; other axes must match.</source>
        <translation>沿一个轴拼接两个或更多数组；其他轴必须一致。</translation>
    </message>
    <message>
        <source>axis to join along (negative counts from the end)</source>
        <translation>拼接所沿的轴（负数从末尾数起）</translation>
    </message>
    <message>
        <source>y = [a, b, …] along axis</source>
        <translation>y = 沿 axis 拼接 [a, b, …]</translation>
    </message>
    <message>
        <source>∂J/∂a, ∂J/∂b, … = the matching pieces of ∂J/∂y</source>
        <translation>∂J/∂a, ∂J/∂b, … = ∂J/∂y 中对应的各段</translation>
    </message>
    <message>
        <source>Take start:stop:step along one axis (stop 0 = to the end; negatives count from the end).</source>
        <translation>沿一个轴取 start:stop:step（stop 为 0 表示到末尾；负数从末尾数起）。</translation>
    </message>
    <message>
        <source>axis to slice</source>
        <translation>要切片的轴</translation>
    </message>
    <message>
        <source>first index (negative counts from the end)</source>
        <translation>起始下标（负数从末尾数起）</translation>
    </message>
    <message>
        <source>end, not included; 0 = to the end, negative counts from the end</source>
        <translation>结束位置，不包含；0 表示到末尾，负数从末尾数起</translation>
    </message>
    <message>
        <source>stride, at least 1</source>
        <translation>步长，至少为 1</translation>
    </message>
    <message>
        <source>y = x[start:stop:step] along axis</source>
        <translation>y = 沿 axis 取 x[start:stop:step]</translation>
    </message>
    <message>
        <source>∂J/∂x = ∂J/∂y at the taken positions, 0 elsewhere</source>
        <translation>∂J/∂x = 被取位置上为 ∂J/∂y，其余为 0</translation>
    </message>
    <message>
        <source>Identity (linear) activation: passes z through unchanged.</source>
        <translation>恒等（线性）激活函数：原样传递 z。</translation>
    </message>
    <message>
        <source>a = z</source>
        <translation>a = z</translation>
    </message>
    <message>
        <source>∂a/∂z = 1</source>
        <translation>∂a/∂z = 1</translation>
    </message>
    <message>
        <source>Rectified linear unit: max(0, z).</source>
        <translation>线性整流单元：max(0, z)。</translation>
    </message>
    <message>
        <source>a = max(0, z)</source>
        <translation>a = max(0, z)</translation>
    </message>
    <message>
        <source>∂a/∂z = 1 if z &gt; 0 else 0</source>
        <translation>∂a/∂z = 1（z &gt; 0 时），否则 0</translation>
    </message>
    <message>
        <source>Leaky ReLU: z for z &gt; 0, alpha·z otherwise.</source>
        <translation>Leaky ReLU：z &gt; 0 时为 z，否则为 alpha·z。</translation>
    </message>
    <message>
        <source>slope for z ≤ 0</source>
        <translation>z ≤ 0 时的斜率</translation>
    </message>
    <message>
        <source>a = z if z &gt; 0 else α·z</source>
        <translation>a = z（z &gt; 0 时），否则 α·z</translation>
    </message>
    <message>
        <source>∂a/∂z = 1 if z &gt; 0 else α</source>
        <translation>∂a/∂z = 1（z &gt; 0 时），否则 α</translation>
    </message>
    <message>
        <source>Logistic sigmoid: squashes z into (0, 1).</source>
        <translation>逻辑 sigmoid：把 z 压缩到 (0, 1)。</translation>
    </message>
    <message>
        <source>a = σ(z) = 1 / (1 + e⁻ᶻ)</source>
        <translation>a = σ(z) = 1 / (1 + e⁻ᶻ)</translation>
    </message>
    <message>
        <source>∂a/∂z = a·(1 − a)</source>
        <translation>∂a/∂z = a·(1 − a)</translation>
    </message>
    <message>
        <source>Hyperbolic tangent: squashes z into (−1, 1).</source>
        <translation>双曲正切：把 z 压缩到 (−1, 1)。</translation>
    </message>
    <message>
        <source>a = tanh(z)</source>
        <translation>a = tanh(z)</translation>
    </message>
    <message>
        <source>∂a/∂z = 1 − a²</source>
        <translation>∂a/∂z = 1 − a²</translation>
    </message>
    <message>
        <source>Softmax: turns scores into probabilities that sum to 1 along an axis.</source>
        <translation>Softmax：把分数变成沿某个轴加起来为 1 的概率。</translation>
    </message>
    <message>
        <source>axis the probabilities sum over (usually the classes)</source>
        <translation>概率求和所沿的轴（通常是类别）</translation>
    </message>
    <message>
        <source>aᵢ = eᶻⁱ / Σⱼ eᶻʲ</source>
        <translation>aᵢ = eᶻⁱ / Σⱼ eᶻʲ</translation>
    </message>
    <message>
        <source>∂J/∂zᵢ = aᵢ·(gᵢ − Σⱼ gⱼaⱼ)</source>
        <translation>∂J/∂zᵢ = aᵢ·(gᵢ − Σⱼ gⱼaⱼ)</translation>
    </message>
    <message>
        <source>Log of the softmax, computed stably; pair with a negative log-likelihood loss.</source>
        <translation>Softmax 的对数，以数值稳定的方式计算；与负对数似然损失函数搭配使用。</translation>
    </message>
    <message>
        <source>aᵢ = zᵢ − log Σⱼ eᶻʲ</source>
        <translation>aᵢ = zᵢ − log Σⱼ eᶻʲ</translation>
    </message>
    <message>
        <source>∂J/∂zᵢ = gᵢ − softmax(z)ᵢ·Σⱼ gⱼ</source>
        <translation>∂J/∂zᵢ = gᵢ − softmax(z)ᵢ·Σⱼ gⱼ</translation>
    </message>
    <message>
        <source>Fully connected layer with an optional activation: a = g(x Wᵀ + b).</source>
        <translation>全连接层，可带激活函数：a = g(x Wᵀ + b)。</translation>
    </message>
    <message>
        <source>number of units n[l]</source>
        <translation>单元数 n[l]</translation>
    </message>
    <message>
        <source>activation g applied to z</source>
        <translation>作用于 z 的激活函数 g</translation>
    </message>
    <message>
        <source>add a bias b</source>
        <translation>加上偏置 b</translation>
    </message>
    <message>
        <source>weight initializer</source>
        <translation>权重初始化方式</translation>
    </message>
    <message>
        <source>the input a[l-1], (m, n[l-1]): reused for dW = dzᵀ · a[l-1]</source>
        <translation>输入 a[l-1]，(m, n[l-1])：计算 dW = dzᵀ · a[l-1] 时复用</translation>
    </message>
    <message>
        <source>z[l] = a[l-1] · Wᵀ + b, (m, n[l]): reused for g&apos;(z[l])</source>
        <translation>z[l] = a[l-1] · Wᵀ + b，(m, n[l])：计算 g&apos;(z[l]) 时复用</translation>
    </message>
    <message>
        <source>a[l] = g(z[l]), (m, n[l]): reused where g&apos; is written in a (sigmoid: a(1 − a), tanh: 1 − a²)</source>
        <translation>a[l] = g(z[l])，(m, n[l])：在用 a 表示 g&apos; 的地方复用（sigmoid：a(1 − a)，tanh：1 − a²）</translation>
    </message>
    <message>
        <source>z = x Wᵀ + b, a = g(z)</source>
        <translation>z = x Wᵀ + b, a = g(z)</translation>
    </message>
    <message>
        <source>dz = G ⊙ g&apos;(z), ∂J/∂W = dzᵀ x, ∂J/∂b = Σ dz, ∂J/∂x = dz W</source>
        <translation>dz = G ⊙ g&apos;(z), ∂J/∂W = dzᵀ x, ∂J/∂b = Σ dz, ∂J/∂x = dz W</translation>
    </message>
    <message>
        <source>Maps integer ids (class or token ids) to learned vectors.</source>
        <translation>把整数编号（类别或词元编号）映射为学到的向量。</translation>
    </message>
    <message>
        <source>number of distinct ids (ids run 0 .. num - 1)</source>
        <translation>不同编号的个数（编号从 0 到 num - 1）</translation>
    </message>
    <message>
        <source>length of each vector</source>
        <translation>每个向量的长度</translation>
    </message>
    <message>
        <source>the ids as integers: each row of ∂J/∂E collects the gradients of the positions holding its id</source>
        <translation>整数形式的编号：∂J/∂E 的每一行汇集所有持有该编号的位置的梯度</translation>
    </message>
    <message>
        <source>y[..., :] = E[ids[...], :]</source>
        <translation>y[..., :] = E[ids[...], :]</translation>
    </message>
    <message>
        <source>∂J/∂E[i] = Σ of G over the positions holding id i; ids take no gradient</source>
        <translation>∂J/∂E[i] = 所有编号为 i 的位置上 G 之和；编号不接收梯度</translation>
    </message>
    <message>
        <source>Randomly zeroes a fraction of values while training (inverted dropout).</source>
        <translation>训练时随机把一部分值置零（反向 dropout）。</translation>
    </message>
    <message>
        <source>fraction of values dropped, in [0, 1)</source>
        <translation>被丢弃的值的比例，在 [0, 1) 内</translation>
    </message>
    <message>
        <source>m / (1 − rate), the kept positions scaled: backward multiplies by the same mask</source>
        <translation>m / (1 − rate)，保留位置经过缩放：反向传播乘以同一个掩码</translation>
    </message>
    <message>
        <source>training: y = x · m / (1 - rate), m ~ Bernoulli(1 - rate); evaluation: y = x</source>
        <translation>训练时：y = x · m / (1 - rate)，m ~ Bernoulli(1 - rate)；评估时：y = x</translation>
    </message>
    <message>
        <source>∂J/∂x = G · m / (1 - rate) (the same mask)</source>
        <translation>∂J/∂x = G · m / (1 - rate)（同一个掩码）</translation>
    </message>
    <message>
        <source>Normalizes each feature/channel over the batch, then scales and shifts.</source>
        <translation>在批量上对每个特征/通道做归一化，然后缩放和平移。</translation>
    </message>
    <message>
        <source>weight of the old running statistics</source>
        <translation>旧的滑动统计量所占的权重</translation>
    </message>
    <message>
        <source>added to the variance before the square root</source>
        <translation>开平方根之前加到方差上的数</translation>
    </message>
    <message>
        <source>μ, the batch mean per channel (1, C, 1, ...)</source>
        <translation>μ，每个通道的批量均值 (1, C, 1, ...)</translation>
    </message>
    <message>
        <source>σ², the batch variance per channel (1, C, 1, ...)</source>
        <translation>σ²，每个通道的批量方差 (1, C, 1, ...)</translation>
    </message>
    <message>
        <source>μ from the running statistics (evaluation mode)</source>
        <translation>来自滑动统计量的 μ（评估模式）</translation>
    </message>
    <message>
        <source>σ² from the running statistics (evaluation mode)</source>
        <translation>来自滑动统计量的 σ²（评估模式）</translation>
    </message>
    <message>
        <source>x̂ = (x − μ) / √(σ² + ε), same shape as x: reused for ∂J/∂γ and ∂J/∂x</source>
        <translation>x̂ = (x − μ) / √(σ² + ε)，与 x 形状相同：计算 ∂J/∂γ 和 ∂J/∂x 时复用</translation>
    </message>
    <message>
        <source>1 / √(σ² + ε) per channel: reused for ∂J/∂x</source>
        <translation>每个通道的 1 / √(σ² + ε)：计算 ∂J/∂x 时复用</translation>
    </message>
    <message>
        <source>True when the batch&apos;s own statistics were used (then ∂J/∂x also flows through μ and σ²), False for the running ones</source>
        <translation>用了批量自身的统计量时为 True（此时 ∂J/∂x 也流经 μ 和 σ²），用滑动统计量时为 False</translation>
    </message>
    <message>
        <source>x̂ = (x - μ) / √(σ² + ε), y = γ x̂ + β</source>
        <translation>x̂ = (x - μ) / √(σ² + ε), y = γ x̂ + β</translation>
    </message>
    <message>
        <source>∂J/∂x = γ / (m √(σ² + ε)) · (m G - Σ G - x̂ Σ G x̂), ∂J/∂γ = Σ G x̂, ∂J/∂β = Σ G</source>
        <translation>∂J/∂x = γ / (m √(σ² + ε)) · (m G - Σ G - x̂ Σ G x̂), ∂J/∂γ = Σ G x̂, ∂J/∂β = Σ G</translation>
    </message>
    <message>
        <source>2-D convolution (channels first): O filters of k x k x C, stride and padding.</source>
        <translation>二维卷积（通道在前）：O 个 k x k x C 的滤波器，带步长和填充。</translation>
    </message>
    <message>
        <source>number of filters (output channels)</source>
        <translation>滤波器个数（输出通道数）</translation>
    </message>
    <message>
        <source>filter size f (f x f)</source>
        <translation>滤波器大小 f（f x f）</translation>
    </message>
    <message>
        <source>step s between windows</source>
        <translation>窗口之间的步长 s</translation>
    </message>
    <message>
        <source>zeros p added on each side</source>
        <translation>每边补上的 p 圈零</translation>
    </message>
    <message>
        <source>add a bias per filter</source>
        <translation>每个滤波器加一个偏置</translation>
    </message>
    <message>
        <source>each output position&apos;s input window, (N, C, f, f, OH, OW): entry [n, c, a, b, i, j] is the padded x[n, c, i·s + a, j·s + b]; reused for ∂J/∂W</source>
        <translation>每个输出位置的输入窗口，(N, C, f, f, OH, OW)：元素 [n, c, a, b, i, j] 是填充后的 x[n, c, i·s + a, j·s + b]；计算 ∂J/∂W 时复用</translation>
    </message>
    <message>
        <source>z[n,o,i,j] = Σ_c,a,b W[o,c,a,b] · x[n,c,i·s+a,j·s+b] + b[o]</source>
        <translation>z[n,o,i,j] = Σ_c,a,b W[o,c,a,b] · x[n,c,i·s+a,j·s+b] + b[o]</translation>
    </message>
    <message>
        <source>∂J/∂W = G · windowsᵀ, ∂J/∂x = col2im(Wᵀ · G), ∂J/∂b = Σ G</source>
        <translation>∂J/∂W = G · windowsᵀ, ∂J/∂x = col2im(Wᵀ · G), ∂J/∂b = Σ G</translation>
    </message>
    <message>
        <source>Max pooling over f x f windows (channels first).</source>
        <translation>在 f x f 窗口上做最大池化（通道在前）。</translation>
    </message>
    <message>
        <source>window size f (f x f)</source>
        <translation>窗口大小 f（f x f）</translation>
    </message>
    <message>
        <source>step s between windows; 0 = same as the kernel</source>
        <translation>窗口之间的步长 s；0 表示与窗口大小相同</translation>
    </message>
    <message>
        <source>cells p added on each side</source>
        <translation>每边补上的 p 圈格子</translation>
    </message>
    <message>
        <source>where each maximum came from: its offset a·f + b in the f × f window (row-major, the first of equal values), (N, C, OH, OW); backward sends each window&apos;s gradient there</source>
        <translation>每个最大值的来源：它在 f × f 窗口中的偏移 a·f + b（按行优先，相等时取第一个），(N, C, OH, OW)；反向传播把每个窗口的梯度送到那里</translation>
    </message>
    <message>
        <source>y[n,c,i,j] = max_a,b x[n,c,i·s+a,j·s+b]</source>
        <translation>y[n,c,i,j] = max_a,b x[n,c,i·s+a,j·s+b]</translation>
    </message>
    <message>
        <source>∂J/∂x = G at the first maximum of each window, 0 elsewhere</source>
        <translation>∂J/∂x = 每个窗口第一个最大值处为 G，其余为 0</translation>
    </message>
    <message>
        <source>Average pooling over f x f windows (channels first).</source>
        <translation>在 f x f 窗口上做平均池化（通道在前）。</translation>
    </message>
    <message>
        <source>y[n,c,i,j] = mean_a,b x[n,c,i·s+a,j·s+b]</source>
        <translation>y[n,c,i,j] = mean_a,b x[n,c,i·s+a,j·s+b]</translation>
    </message>
    <message>
        <source>∂J/∂x = G / f² spread over each window</source>
        <translation>∂J/∂x = G / f² 平摊到每个窗口</translation>
    </message>
    <message>
        <source>Average each channel over all positions: N x C x H x W -&gt; N x C.</source>
        <translation>对每个通道在所有位置上取平均：N x C x H x W -&gt; N x C。</translation>
    </message>
    <message>
        <source>y[n,c] = mean_i,j x[n,c,i,j]</source>
        <translation>y[n,c] = mean_i,j x[n,c,i,j]</translation>
    </message>
    <message>
        <source>∂J/∂x[n,c,i,j] = G[n,c] / (H·W)</source>
        <translation>∂J/∂x[n,c,i,j] = G[n,c] / (H·W)</translation>
    </message>
    <message>
        <source>Mean squared error: mean of (ŷ − y)² per example; for regression.</source>
        <translation>均方误差：每个样本 (ŷ − y)² 的均值；用于回归。</translation>
    </message>
    <message>
        <source>mean: the cost J over the batch (a scalar); none: the loss of each example (shape N)</source>
        <translation>mean：批量上的代价函数 J（一个标量）；none：每个样本的损失函数值（形状 N）</translation>
    </message>
    <message>
        <source>ŷ − y per entry: ∂L/∂ŷ is 2(ŷ − y)/d</source>
        <translation>每个元素的 ŷ − y：∂L/∂ŷ 是 2(ŷ − y)/d</translation>
    </message>
    <message>
        <source>L = (1/d) Σⱼ (ŷⱼ − yⱼ)²;  J = (1/m) Σ L</source>
        <translation>L = (1/d) Σⱼ (ŷⱼ − yⱼ)²;  J = (1/m) Σ L</translation>
    </message>
    <message>
        <source>∂L/∂ŷ = 2(ŷ − y)/d  (no ½ factor)</source>
        <translation>∂L/∂ŷ = 2(ŷ − y)/d  （没有 ½ 因子）</translation>
    </message>
    <message>
        <source>Binary cross-entropy on raw scores (applies the sigmoid itself, stably).</source>
        <translation>基于原始分数的二元交叉熵（自己以稳定的方式应用 sigmoid）。</translation>
    </message>
    <message>
        <source>L = max(z,0) − z·y + log(1 + e^−|z|)  (= −(y log σ(z) + (1−y) log(1−σ(z))));  J = (1/m) Σ L</source>
        <translation>L = max(z,0) − z·y + log(1 + e^−|z|)  (= −(y log σ(z) + (1−y) log(1−σ(z))));  J = (1/m) Σ L</translation>
    </message>
    <message>
        <source>∂L/∂z = σ(z) − y</source>
        <translation>∂L/∂z = σ(z) − y</translation>
    </message>
    <message>
        <source>Binary cross-entropy on probabilities (after a sigmoid).</source>
        <translation>基于概率的二元交叉熵（在 sigmoid 之后）。</translation>
    </message>
    <message>
        <source>ŷ clipped to [1e-7, 1 − 1e-7], so log ŷ stays finite</source>
        <translation>ŷ 被截断到 [1e-7, 1 − 1e-7]，使 log ŷ 保持有限</translation>
    </message>
    <message>
        <source>L = −(y log ŷ + (1−y) log(1−ŷ)),  ŷ clipped to [1e-7, 1−1e-7];  J = (1/m) Σ L</source>
        <translation>L = −(y log ŷ + (1−y) log(1−ŷ))，ŷ 截断到 [1e-7, 1−1e-7]；J = (1/m) Σ L</translation>
    </message>
    <message>
        <source>∂L/∂ŷ = (ŷ − y) / (ŷ(1 − ŷ))  (0 where ŷ was clipped)</source>
        <translation>∂L/∂ŷ = (ŷ − y) / (ŷ(1 − ŷ))  （ŷ 被截断处为 0）</translation>
    </message>
    <message>
        <source>Softmax cross-entropy on logits; target is class ids or one-hot rows.</source>
        <translation>基于 logits 的 softmax 交叉熵；目标是类别编号或 one-hot 行。</translation>
    </message>
    <message>
        <source>log softmax(z) per row, (m, K): softmax(z) = e^logp is reused for ∂J/∂z</source>
        <translation>每行的 log softmax(z)，(m, K)：计算 ∂J/∂z 时复用 softmax(z) = e^logp</translation>
    </message>
    <message>
        <source>the target as one-hot rows y, (m, K)</source>
        <translation>以 one-hot 行表示的目标 y，(m, K)</translation>
    </message>
    <message>
        <source>L = −Σₖ yₖ log softmax(z)ₖ  (= −log softmax(z)_class);  J = (1/m) Σ L</source>
        <translation>L = −Σₖ yₖ log softmax(z)ₖ  （= −log softmax(z)_类别）；J = (1/m) Σ L</translation>
    </message>
    <message>
        <source>∂J/∂z = (softmax(z) − y)/m</source>
        <translation>∂J/∂z = (softmax(z) − y)/m</translation>
    </message>
    <message>
        <source>L2 regularization (weight decay): (λ/2) times the sum of squares of its inputs.</source>
        <translation>L2 正则化（权重衰减）：(λ/2) 乘以其输入的平方和。</translation>
    </message>
    <message>
        <source>λ, the regularization strength</source>
        <translation>λ，正则化强度</translation>
    </message>
    <message>
        <source>R = (λ/2) Σ ‖W‖²  (add it to the cost)</source>
        <translation>R = (λ/2) Σ ‖W‖²  （把它加到代价函数上）</translation>
    </message>
    <message>
        <source>∂R/∂W = λ·W</source>
        <translation>∂R/∂W = λ·W</translation>
    </message>
    <message>
        <source>Local response normalization across neighbouring channels (AlexNet, GoogLeNet).</source>
        <translation>跨相邻通道的局部响应归一化（AlexNet、GoogLeNet）。</translation>
    </message>
    <message>
        <source>number of channels in each window</source>
        <translation>每个窗口中的通道数</translation>
    </message>
    <message>
        <source>scale α of the sum of squares</source>
        <translation>平方和的缩放系数 α</translation>
    </message>
    <message>
        <source>exponent β</source>
        <translation>指数 β</translation>
    </message>
    <message>
        <source>added before the power (k)</source>
        <translation>求幂之前加上的数（k）</translation>
    </message>
    <message>
        <source>y = x / (k + α/size · Σ_window x²)^β</source>
        <translation>y = x / (k + α/size · Σ_窗口 x²)^β</translation>
    </message>
    <message>
        <source>∂J/∂x = G·d^-β − 2αβ/size · x · Σ_window(G·x·d^(-β-1))</source>
        <translation>∂J/∂x = G·d^-β − 2αβ/size · x · Σ_窗口(G·x·d^(-β-1))</translation>
    </message>
    <message>
        <source>Grouped convolution: channels split into groups, each with its own filters (groups = channels is depthwise).</source>
        <translation>分组卷积：通道分成若干组，每组有自己的滤波器（组数等于通道数即为逐通道卷积）。</translation>
    </message>
    <message>
        <source>number of groups G; C and O must divide by it</source>
        <translation>组数 G；C 和 O 必须能被它整除</translation>
    </message>
    <message>
        <source>z[n,o,i,j] = Σ_c∈group(o),a,b W[o,c,a,b] · x[n,c,i·s+a,j·s+b] + b[o]</source>
        <translation>z[n,o,i,j] = Σ_c∈组(o),a,b W[o,c,a,b] · x[n,c,i·s+a,j·s+b] + b[o]</translation>
    </message>
    <message>
        <source>per group: ∂J/∂W = G · colsᵀ, ∂J/∂x = col2im(Wᵀ · G), ∂J/∂b = Σ G</source>
        <translation>每组：∂J/∂W = G · colsᵀ, ∂J/∂x = col2im(Wᵀ · G), ∂J/∂b = Σ G</translation>
    </message>
    <message>
        <source>Sum of two or more inputs, elementwise with broadcasting (a residual join).</source>
        <translation>两个或更多输入之和，逐元素，支持广播（残差连接）。</translation>
    </message>
    <message>
        <source>y = Σᵢ xᵢ</source>
        <translation>y = Σᵢ xᵢ</translation>
    </message>
    <message>
        <source>∂y/∂xᵢ = 1 (summed over broadcast axes)</source>
        <translation>∂y/∂xᵢ = 1（在广播的轴上求和）</translation>
    </message>
    <message>
        <source>Pad (or, with negative numbers, crop) the edges of N x C x H x W images.</source>
        <translation>填充（用负数则裁剪）N x C x H x W 图像的边缘。</translation>
    </message>
    <message>
        <source>cells added at top, left, bottom, right (negative to cut)</source>
        <translation>在上、左、下、右各加的格子数（负数表示裁掉）</translation>
    </message>
    <message>
        <source>zeros, or lowest (minus infinity, before a max pool)</source>
        <translation>zeros（零），或 lowest（负无穷，用在最大池化之前）</translation>
    </message>
    <message>
        <source>y = x surrounded by (top, left, bottom, right) cells of the fill value</source>
        <translation>y = x 四周（上、左、下、右）补上填充值的格子</translation>
    </message>
    <message>
        <source>∂J/∂x = ∂J/∂y without the added cells (0 where x was cut)</source>
        <translation>∂J/∂x = 去掉补上格子的 ∂J/∂y（x 被裁掉处为 0）</translation>
    </message>
    <message>
        <source>Average pooling whose padded cells do not count in the mean.</source>
        <translation>平均池化，填充的格子不计入均值。</translation>
    </message>
    <message>
        <source>cells added at top, left, bottom, right (left out of the mean)</source>
        <translation>在上、左、下、右各加的格子数（不计入均值）</translation>
    </message>
    <message>
        <source>y[n,c,i,j] = Σ x over the window&apos;s in-image cells / their count</source>
        <translation>y[n,c,i,j] = 窗口内图像中格子的 x 之和 / 格子数</translation>
    </message>
    <message>
        <source>∂J/∂x = G / count spread over each window&apos;s in-image cells</source>
        <translation>∂J/∂x = G / 格子数，平摊到每个窗口内图像中的格子</translation>
    </message>
    <message>
        <source>Dense layer for gradient-check practice: its &apos;mistake&apos; breaks the backward pass on purpose.</source>
        <translation>用于梯度检验练习的 dense 层：它的 “mistake” 会故意破坏反向传播。</translation>
    </message>
    <message>
        <source>a deliberate bug in the backward pass (none = correct)</source>
        <translation>反向传播中故意留下的错误（none 表示正确）</translation>
    </message>
    <message>
        <source>correct: dz = G ⊙ g&apos;(z), ∂J/∂W = dzᵀ x, ∂J/∂b = Σ dz, ∂J/∂x = dz W; &apos;mistake&apos; breaks one of these on purpose</source>
        <translation>正确：dz = G ⊙ g&apos;(z), ∂J/∂W = dzᵀ x, ∂J/∂b = Σ dz, ∂J/∂x = dz W；mistake 故意弄错其中一个</translation>
    </message>
    <message>
        <source>the node&apos;s output</source>
        <translation>节点的输出</translation>
    </message>
    <message>
        <source>the node&apos;s output and the gradient of the cost with respect to it</source>
        <translation>节点的输出，以及代价函数对它的梯度</translation>
    </message>
    <message>
        <source>frozen: no gradient</source>
        <translation>已冻结：没有梯度</translation>
    </message>
    <message>
        <source>Examples are rows here: a[l] is (m, n[l]) and a layer computes Z[l] = A[l-1]·W[l]ᵀ + b[l]. The course puts examples in columns, (n[l], m), and writes Z[l] = W[l]·A[l-1] + b[l]: the same numbers, transposed. W[l] is (n[l], n[l-1]) in both.</source>
        <translation>这里样本是行：a[l] 是 (m, n[l])，一层计算 Z[l] = A[l-1]·W[l]ᵀ + b[l]。课程把样本放在列上，(n[l], m)，写成 Z[l] = W[l]·A[l-1] + b[l]：数值相同，只是转置。两种写法中 W[l] 都是 (n[l], n[l-1])。</translation>
    </message>
</context>
<context>
    <name>Palette</name>
    <message>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Math</source>
        <translation>数学运算</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>激活值</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Losses</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Search ops…</source>
        <translation>搜索运算…</translation>
    </message>
</context>
<context>
    <name>Panels</name>
    <message>
        <source>Show the {title} panel in front</source>
        <translation>把“{title}”面板显示在最前</translation>
    </message>
    <message>
        <source>Palette</source>
        <translation>组件面板</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>示例导读</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Embeddings</source>
        <translation>嵌入</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>激活值</translation>
    </message>
    <message>
        <source>Cost surface</source>
        <translation>代价曲面</translation>
    </message>
    <message>
        <source>Decision boundary</source>
        <translation>决策边界</translation>
    </message>
    <message>
        <source>Hidden units</source>
        <translation>隐藏单元</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Loss curves</source>
        <translation>损失曲线</translation>
    </message>
    <message>
        <source>Gradient check</source>
        <translation>梯度检验</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Step details</source>
        <translation>单步详情</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>特征图</translation>
    </message>
    <message>
        <source>Filter lab</source>
        <translation>滤波器实验室</translation>
    </message>
</context>
<context>
    <name>Params</name>
    <message>
        <source>{count} entries; at most {limit} are allowed</source>
        <translation>{count} 项；最多允许 {limit} 项</translation>
    </message>
    <message>
        <source>{entry!r}: every entry must be a whole number here</source>
        <translation>{entry!r}：这里每一项都必须是整数</translation>
    </message>
    <message>
        <source>{entry!r} is not a whole number (use None for an open dimension)</source>
        <translation>{entry!r} 不是整数（用 None 表示不定的维度）</translation>
    </message>
    <message>
        <source>{entry!r} is not a whole number</source>
        <translation>{entry!r} 不是整数</translation>
    </message>
    <message>
        <source>{entry} is too large; use a number below {limit:,}</source>
        <translation>{entry} 太大；请用小于 {limit:,} 的数</translation>
    </message>
    <message>
        <source>e.g. None, 2</source>
        <translation>例如 None, 2</translation>
    </message>
    <message>
        <source>e.g. 8, 8</source>
        <translation>例如 8, 8</translation>
    </message>
</context>
<context>
    <name>Player</name>
    <message>
        <source>forward</source>
        <translation>前向传播</translation>
    </message>
    <message>
        <source>backward</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <source>ready: press Step (F10) to run the first node</source>
        <translation>就绪：按单步（F10）运行第一个节点</translation>
    </message>
    <message>
        <source>ready · 0/{total} steps · press Step (F10) to run the first node</source>
        <translation>就绪 · 0/{total} 步 · 按单步（F10）运行第一个节点</translation>
    </message>
    <message>
        <source>forward and backward passes</source>
        <translation>前向传播和反向传播</translation>
    </message>
    <message>
        <source>forward pass (no backward: no scalar cost)</source>
        <translation>前向传播（没有反向传播：没有标量代价）</translation>
    </message>
    <message>
        <source>done · {passes} complete ({total} steps) · Back to review, Reset to start again</source>
        <translation>完成 · {passes}已完成（{total} 步）· 按后退回顾，按重置重新开始</translation>
    </message>
    <message>
        <source> · node {name} ({op})</source>
        <translation> · 节点 {name}（{op}）</translation>
    </message>
    <message>
        <source>forward pass complete</source>
        <translation>前向传播完成</translation>
    </message>
    <message>
        <source>{phase} · step {cursor}/{total}{where}</source>
        <translation>{phase} · 第 {cursor}/{total} 步{where}</translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <source>Cost {name} = {value} on this batch.</source>
        <translation>这一批上的代价 {name} = {value}。</translation>
    </message>
    <message>
        <source>Every node shows its gradient; hover a node for its value, gradient and formulas.</source>
        <translation>每个节点都显示了它的梯度；悬停在节点上查看它的值、梯度和公式。</translation>
    </message>
    <message>
        <source>No backward pass: the graph has no scalar cost (end it with a loss whose reduction is &apos;mean&apos;). Hover a node for its value.</source>
        <translation>没有反向传播：这张图没有标量代价（请以 reduction 为 &apos;mean&apos; 的损失函数结尾）。悬停在节点上查看它的值。</translation>
    </message>
    <message>
        <source>Back (Shift+F10) steps back through the passes; Reset (Shift+F5) or Play (F5) starts again.</source>
        <translation>后退（Shift+F10）沿着这两遍往回走；重置（Shift+F5）或播放（F5）重新开始。</translation>
    </message>
    <message>
        <source>nothing left to step: Reset (Shift+F5) or Play (F5) to start again, Back (Shift+F10) to review</source>
        <translation>没有可以再走的步了：按重置（Shift+F5）或播放（F5）重新开始，按后退（Shift+F10）回顾</translation>
    </message>
    <message>
        <source>no backward pass: the graph has no scalar cost (end it with a loss whose reduction is &apos;mean&apos;)</source>
        <translation>没有反向传播：这张图没有标量代价（请以 reduction 为 &apos;mean&apos; 的损失函数结尾）</translation>
    </message>
    <message>
        <source>random numbers for {names}</source>
        <translation>用随机数代替 {names}</translation>
    </message>
    <message>
        <source>zeros (class 0) for {names}</source>
        <translation>用零（类别 0）代替 {names}</translation>
    </message>
    <message>
        <source>stepping with {what} (no dataset array of that name)</source>
        <translation>单步运行时{what}（数据集中没有同名的数组）</translation>
    </message>
    <message>
        <source> and </source>
        <translation>，并</translation>
    </message>
    <message>
        <source>▶ {name} ({pass_name})</source>
        <translation>▶ {name}（{pass_name}）</translation>
    </message>
    <message>
        <source>{done}/{count} nodes computed</source>
        <translation>已计算 {done}/{count} 个节点</translation>
    </message>
    <message>
        <source>cannot step: {why}; fix the graph, then Step (F10) again</source>
        <translation>无法单步运行：{why}；请修好图，然后再按单步（F10）</translation>
    </message>
</context>
<context>
    <name>PlayerPanel</name>
    <message>
        <source>Player</source>
        <translation>播放器</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 后退</translation>
    </message>
    <message>
        <source>Step back one node (nothing is recomputed)</source>
        <translation>后退一个节点（不重新计算任何东西）</translation>
    </message>
    <message>
        <source>Step ▶</source>
        <translation>单步 ▶</translation>
    </message>
    <message>
        <source>Compute the next node (forward, then backward)</source>
        <translation>计算下一个节点（先前向，后反向）</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Play: one node per tick at the chosen speed (F5 pauses)</source>
        <translation>播放：按所选速度每次计算一个节点（F5 暂停）</translation>
    </message>
    <message>
        <source>Run forward</source>
        <translation>前向传播</translation>
    </message>
    <message>
        <source>Run to the end of the forward pass</source>
        <translation>一直运行到前向传播结束</translation>
    </message>
    <message>
        <source>Run backward</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <source>Run to the end of the backward pass</source>
        <translation>一直运行到反向传播结束</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Forget every step and clear the values on the canvas</source>
        <translation>忘掉所有步骤，清除画布上的值</translation>
    </message>
    <message>
        <source> Speed </source>
        <translation> 速度 </translation>
    </message>
    <message>
        <source>Steps per second while playing</source>
        <translation>播放时每秒的步数</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>The node&apos;s value, weights and cached arrays; after the backward pass each opens beside its gradient</source>
        <translation>节点的值、权重和缓存的数组；反向传播之后，每个数组都和它的梯度并排打开</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Open the chosen array (and its gradient) as a table or a heatmap with values on hover</source>
        <translation>把所选数组（及其梯度）打开为表格或热图，悬停显示数值</translation>
    </message>
    <message>
        <source>Arrays</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>Step (F10) to compute the first node.
Values show in blue–green–yellow, gradients in magenta–orange.</source>
        <translation>按单步（F10）计算第一个节点。
值用蓝–绿–黄显示，梯度用品红–橙显示。</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>the example {name}</source>
        <translation>示例 {name}</translation>
    </message>
    <message>
        <source>an untitled graph</source>
        <translation>一张未命名的图</translation>
    </message>
    <message>
        <source>{what}, autosaved at {time}</source>
        <translation>{what}，自动保存于 {time}</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>{edit}: not while training runs; stop training first</source>
        <translation>{edit}：训练进行时不能这样做；请先停止训练</translation>
    </message>
    <message>
        <source>cannot undo while training runs; stop training first</source>
        <translation>训练进行时不能撤销；请先停止训练</translation>
    </message>
    <message>
        <source>cannot redo while training runs; stop training first</source>
        <translation>训练进行时不能重做；请先停止训练</translation>
    </message>
</context>
<context>
    <name>Shapes</name>
    <message>
        <source>scalar</source>
        <translation>标量</translation>
    </message>
</context>
<context>
    <name>SimilarImages</name>
    <message>
        <source>picked</source>
        <translation>所选</translation>
    </message>
    <message>
        <source>rebuilt</source>
        <translation>重建</translation>
    </message>
    <message>
        <source>nearest by {space}</source>
        <translation>按 {space} 最近</translation>
    </message>
    <message>
        <source>nearest by pixels</source>
        <translation>按像素最近</translation>
    </message>
</context>
<context>
    <name>StepText</name>
    <message>
        <source>Σ of {count} gradients</source>
        <translation>{count} 个梯度之和 Σ</translation>
    </message>
    <message>
        <source>{d} = 1 (the cost itself: backward starts here)</source>
        <translation>{d} = 1（代价本身：反向传播从这里开始）</translation>
    </message>
    <message>
        <source>  from {who} (port {port}): {value}</source>
        <translation>  来自 {who}（端口 {port}）：{value}</translation>
    </message>
    <message>
        <source>{name} feeds {count} inputs, so {d} is the sum of the gradients coming back:</source>
        <translation>{name} 连到 {count} 个输入，所以 {d} 是传回来的各个梯度之和：</translation>
    </message>
    <message>
        <source>{d} = 0 (nothing downstream uses it)</source>
        <translation>{d} = 0（下游没有用到它）</translation>
    </message>
    <message>
        <source>{d} = {value}  (from {who})</source>
        <translation>{d} = {value}  （来自 {who}）</translation>
    </message>
    <message>
        <source>{d} (from {who}):</source>
        <translation>{d}（来自 {who}）：</translation>
    </message>
    <message>
        <source>{formula}  with {given}  → {name} = {value}</source>
        <translation>{formula}  其中 {given}  → {name} = {value}</translation>
    </message>
    <message>
        <source>  (summed back to {shape})</source>
        <translation>  （求和回到 {shape}）</translation>
    </message>
    <message>
        <source>Cached for backward:</source>
        <translation>为反向传播缓存的数组：</translation>
    </message>
    <message>
        <source>  ← read by backward</source>
        <translation>  ← 反向传播读取了它</translation>
    </message>
    <message>
        <source>The backward step read {what}.</source>
        <translation>反向传播这一步读取了 {what}。</translation>
    </message>
    <message>
        <source>The backward step read nothing from the cache.</source>
        <translation>反向传播这一步没有读取缓存中的任何数组。</translation>
    </message>
    <message>
        <source>{name} ({op}, layer {l})</source>
        <translation>{name}（{op}，第 {l} 层）</translation>
    </message>
    <message>
        <source>Forward: {formula}</source>
        <translation>前向传播：{formula}</translation>
    </message>
    <message>
        <source>Shapes: {shapes}  (examples in rows: a[l] is (m, n[l]))</source>
        <translation>形状：{shapes}  （样本按行排列：a[l] 是 (m, n[l])）</translation>
    </message>
    <message>
        <source>Backward: {rule}</source>
        <translation>反向传播：{rule}</translation>
    </message>
    <message>
        <source>Backward:</source>
        <translation>反向传播：</translation>
    </message>
    <message>
        <source>Backward rule: {rule}</source>
        <translation>反向传播规则：{rule}</translation>
    </message>
    <message>
        <source>broadcast {small} → {big}</source>
        <translation>广播 {small} → {big}</translation>
    </message>
    <message>
        <source>Σ over axis {axes}: {big} → {small}</source>
        <translation>沿轴 {axes} 求和 Σ：{big} → {small}</translation>
    </message>
    <message>
        <source>Forward: {who} ({small}) is repeated along axis {axes} to match {big} at {node}.
Backward: its gradient arrives as {big} and is summed over axis {axes} back to {small}.</source>
        <translation>前向传播：{who}（{small}）沿轴 {axes} 重复，以匹配 {node} 处的 {big}。
反向传播：它的梯度以 {big} 的形状传来，沿轴 {axes} 求和回到 {small}。</translation>
    </message>
    <message>
        <source>Σ over axes {axes}: {big} → {small}</source>
        <translation>沿轴 {axes} 求和 Σ：{big} → {small}</translation>
    </message>
    <message>
        <source>Forward: {who} ({small}) is repeated along axes {axes} to match {big} at {node}.
Backward: its gradient arrives as {big} and is summed over axes {axes} back to {small}.</source>
        <translation>前向传播：{who}（{small}）沿轴 {axes} 重复，以匹配 {node} 处的 {big}。
反向传播：它的梯度以 {big} 的形状传来，沿轴 {axes} 求和回到 {small}。</translation>
    </message>
</context>
<context>
    <name>Training</name>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>training failed: {why}</source>
        <translation>训练失败：{why}</translation>
    </message>
    <message>
        <source>Revert trained weights</source>
        <translation>恢复训练前的权重</translation>
    </message>
    <message>
        <source>weights reverted to those before training</source>
        <translation>权重已恢复为训练之前的值</translation>
    </message>
    <message>
        <source>{run}&apos;s start does not fit the edited graph for {arrays}; those start from the current weights</source>
        <translation>{run} 的起点与编辑后的图在 {arrays} 上不匹配；这些数组从当前权重开始</translation>
    </message>
    <message>
        <source>cannot train: {why}</source>
        <translation>无法训练：{why}</translation>
    </message>
    <message>
        <source>{run}: the graph was replaced while it trained; its weights were not loaded</source>
        <translation>{run}：训练期间图被替换了；没有载入它的权重</translation>
    </message>
    <message>
        <source>Trained weights ({run})</source>
        <translation>训练得到的权重（{run}）</translation>
    </message>
    <message>
        <source>{run}: {status} after {iterations} iterations; trained weights loaded (Undo or Revert weights to go back)</source>
        <translation>{run}：{iterations} 次迭代后{status}；已载入训练得到的权重（用撤销或“恢复权重”回到之前）</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>batch</source>
        <translation>批量</translation>
    </message>
    <message>
        <source>mini-batch</source>
        <translation>小批量</translation>
    </message>
    <message>
        <source>stochastic</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>xor</source>
        <translation>异或</translation>
    </message>
    <message>
        <source>circles</source>
        <translation>同心圆</translation>
    </message>
    <message>
        <source>moons</source>
        <translation>双月</translation>
    </message>
    <message>
        <source>spirals</source>
        <translation>螺旋</translation>
    </message>
    <message>
        <source>blobs</source>
        <translation>团簇</translation>
    </message>
    <message>
        <source>line</source>
        <translation>直线</translation>
    </message>
    <message>
        <source>housing</source>
        <translation>房价</translation>
    </message>
    <message>
        <source>word pairs</source>
        <translation>词对</translation>
    </message>
    <message>
        <source>shapes</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>gratings</source>
        <translation>光栅</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Fraction of the examples used for training; the rest is the dev set (same distribution)</source>
        <translation>用于训练的样本比例；其余的是验证集（同一分布）</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>Split the dev set off the training data, or use one of the example&apos;s own dev sets (which may come from another distribution)</source>
        <translation>从训练数据中分出验证集，或者使用示例自带的验证集（可能来自另一个分布）</translation>
    </message>
    <message>
        <source>Dev set</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Learning rate α</source>
        <translation>学习率 α</translation>
    </message>
    <message>
        <source>batch: all training examples per step; mini-batch: b examples; stochastic: one example per step</source>
        <translation>批量：每步用全部训练样本；小批量：每步 b 个样本；随机：每步一个样本</translation>
    </message>
    <message>
        <source>Descent</source>
        <translation>梯度下降</translation>
    </message>
    <message>
        <source>size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Start from the graph&apos;s current weights, from fresh random weights drawn with the seed, or from exactly the initial weights of an earlier run (to compare settings)</source>
        <translation>从图当前的权重开始，从用种子重新随机生成的权重开始，或者从之前某次运行的初始权重开始（用来比较设置）</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Compare batch / mini-batch / stochastic</source>
        <translation>比较批量 / 小批量 / 随机</translation>
    </message>
    <message>
        <source>Queue three runs from the same initial weights: batch, mini-batch and stochastic gradient descent</source>
        <translation>从同一组初始权重排队进行三次运行：批量、小批量和随机梯度下降</translation>
    </message>
    <message>
        <source>Revert weights</source>
        <translation>恢复权重</translation>
    </message>
    <message>
        <source>Put back the weights from before training (undoable)</source>
        <translation>放回训练之前的权重（可撤销）</translation>
    </message>
    <message>
        <source>Idle.</source>
        <translation>空闲。</translation>
    </message>
    <message>
        <source>split off the training data</source>
        <translation>从训练数据中分出</translation>
    </message>
    <message>
        <source>session data ({name})</source>
        <translation>会话数据（{name}）</translation>
    </message>
    <message>
        <source>loaded</source>
        <translation>已载入</translation>
    </message>
    <message>
        <source>the graph has an error; data is matched to its inputs once it is fixed</source>
        <translation>图有错误；修好之后才会把数据与它的输入匹配</translation>
    </message>
    <message>
        <source>no data needed (the graph has no inputs)</source>
        <translation>不需要数据（这张图没有输入）</translation>
    </message>
    <message>
        <source>left out, as they do not fit this graph: {names}</source>
        <translation>不适合这张图、因而未列出的数据：{names}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>No data fits this graph&apos;s inputs ({inputs}){first}. Load data of that shape, or change the inputs.</source>
        <translation>没有数据适合这张图的输入（{inputs}）{first}。请载入那种形状的数据，或者修改输入。</translation>
    </message>
    <message>
        <source>choose data to train on</source>
        <translation>请选择用来训练的数据</translation>
    </message>
    <message>
        <source>a train fraction of {fraction:g} leaves no dev examples out of {n}: lower it (e.g. 0.8), or set it to 1.0 to train without a dev set</source>
        <translation>训练比例 {fraction:g} 在 {n} 个样本中留不下验证样本：把它调低（例如 0.8），或设为 1.0 在没有验证集的情况下训练</translation>
    </message>
    <message>
        <source>run {n}: {mode}, {optimizer}, α {lr:g}</source>
        <translation>运行 {n}：{mode}，{optimizer}，α {lr:g}</translation>
    </message>
    <message>
        <source>, dev: {dev}</source>
        <translation>，验证集：{dev}</translation>
    </message>
    <message>
        <source>Data: {error}</source>
        <translation>数据：{error}</translation>
    </message>
    <message>
        <source>Cannot train: {why}.</source>
        <translation>无法训练：{why}。</translation>
    </message>
    <message>
        <source>Settings: {error}</source>
        <translation>设置：{error}</translation>
    </message>
    <message>
        <source>the graph&apos;s current weights</source>
        <translation>图当前的权重</translation>
    </message>
    <message>
        <source>fresh random weights (seed {seed})</source>
        <translation>重新随机生成的权重（种子 {seed}）</translation>
    </message>
    <message>
        <source>same start as {run}</source>
        <translation>与 {run} 相同的起点</translation>
    </message>
    <message>
        <source>all; dev: {name}</source>
        <translation>全部；验证集：{name}</translation>
    </message>
    <message>
        <source>dev {share:.0%}</source>
        <translation>验证集 {share:.0%}</translation>
    </message>
    <message>
        <source>no dev set</source>
        <translation>没有验证集</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>{run}
epoch {epoch}/{epochs} · iteration {iteration}/{iterations} · {speed:,.0f} it/s · cost {cost:.4g}</source>
        <translation>{run}
第 {epoch}/{epochs} 轮 · 第 {iteration}/{iterations} 次迭代 · {speed:,.0f} 次/秒 · 代价 {cost:.4g}</translation>
    </message>
    <message>
        <source>{run}: {status} after {iteration} iterations ({speed:,.0f} it/s). Trained weights loaded.</source>
        <translation>{run}：{iteration} 次迭代后{status}（{speed:,.0f} 次/秒）。已载入训练得到的权重。</translation>
    </message>
    <message>
        <source> at node {node}</source>
        <translation>（在节点 {node}）</translation>
    </message>
    <message>
        <source>{run} diverged{where}: {reason}
The graph keeps the weights it had before this run.</source>
        <translation>{run} 发散了{where}：{reason}
图保留这次运行之前的权重。</translation>
    </message>
    <message>
        <source>Training diverged</source>
        <translation>训练发散了</translation>
    </message>
</context>
<context>
    <name>Values</name>
    <message>
        <source>all {value}</source>
        <translation>全是 {value}</translation>
    </message>
    <message>
        <source>  ({count} not finite)</source>
        <translation>  （{count} 个不是有限值）</translation>
    </message>
    <message>
        <source>{shape}  min {min}  max {max}  mean {mean}</source>
        <translation>{shape}  最小 {min}  最大 {max}  均值 {mean}</translation>
    </message>
    <message>
        <source>{shape} (empty)</source>
        <translation>{shape}（空）</translation>
    </message>
</context>
<context>
    <name>WeightsMenu</name>
    <message>
        <source>Weights (*.npz);;All files (*)</source>
        <translation>权重 (*.npz);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Nothing is selected. Select the nodes (for example the layers of an encoder) whose weights to use, then try again.</source>
        <translation>没有选中任何东西。请选中要使用其权重的节点（例如编码器的各层），然后再试一次。</translation>
    </message>
    <message>
        <source>Save weights of selection</source>
        <translation>保存所选节点的权重</translation>
    </message>
    <message>
        <source>{why}. Select layers that own weights (dense, conv2d, embedding, parameter…).</source>
        <translation>{why}。请选中拥有权重的层（dense、conv2d、embedding、parameter…）。</translation>
    </message>
    <message>
        <source>{path} could not be written ({why}); choose another place. Nothing was lost.</source>
        <translation>无法写入 {path}（{why}）；请选择另一个位置。什么也没有丢失。</translation>
    </message>
    <message>
        <source>Saved {count} arrays to {file}: {names}</source>
        <translation>已把 {count} 个数组保存到 {file}：{names}</translation>
    </message>
    <message>
        <source>Load weights into selection</source>
        <translation>把权重载入所选节点</translation>
    </message>
    <message>
        <source>Training is running; stop it first, then load weights.</source>
        <translation>训练正在进行；请先停止训练，再载入权重。</translation>
    </message>
    <message>
        <source>{why}

The weights are unchanged.</source>
        <translation>{why}

权重没有改变。</translation>
    </message>
    <message>
        <source>Load weights from {file}</source>
        <translation>从 {file} 载入权重</translation>
    </message>
    <message>
        <source>Loaded {count} arrays (matched by node name and shape): {names}</source>
        <translation>已载入 {count} 个数组（按节点名和形状匹配）：{names}</translation>
    </message>
    <message>
        <source>Not in the file, kept as they were: {names}</source>
        <translation>文件中没有、保持原样的：{names}</translation>
    </message>
    <message>
        <source>In the file but matching no selected node: {names}</source>
        <translation>文件中有、但不匹配任何选中节点的：{names}</translation>
    </message>
    <message>
        <source>loaded {count} arrays</source>
        <translation>已载入 {count} 个数组</translation>
    </message>
    <message>
        <source>kept {count} not in the file ({names})</source>
        <translation>保留了 {count} 个文件中没有的数组（{names}）</translation>
    </message>
    <message>
        <source>ignored {count} with no matching node ({names})</source>
        <translation>忽略了 {count} 个没有匹配节点的数组（{names}）</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Save &amp;Weights of Selection…</source>
        <translation>保存所选节点的权重(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Load Weights into Selection…</source>
        <translation>把权重载入所选节点(&amp;L)…</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>More examples</source>
        <translation>更多示例</translation>
    </message>
    <message>
        <source>See how a neural network computes and learns</source>
        <translation>看神经网络如何计算、如何学习</translation>
    </message>
    <message>
        <source>Open an example below, or start a new graph and drag ops from the palette onto the canvas.</source>
        <translation>打开下面的一个示例，或者新建一张图，把运算从组件面板拖到画布上。</translation>
    </message>
    <message>
        <source>New graph</source>
        <translation>新建图</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Recent files</source>
        <translation>最近的文件</translation>
    </message>
    <message>
        <source>No recent files yet.</source>
        <translation>还没有最近的文件。</translation>
    </message>
</context>
<context>
    <name>engine</name>
    <message>
        <source>input {input} (port {port}) is not connected</source>
        <translation>输入 {input}（端口 {port}）没有连接</translation>
    </message>
    <message>
        <source>it would hold {count:,} numbers ({size}), more than this machine&apos;s {limit} of memory; use smaller sizes (units, channels, kernel or shape)</source>
        <translation>它将包含 {count:,} 个数（{size}），超过这台机器 {limit} 的内存；请用更小的尺寸（单元数、通道数、卷积核或形状）</translation>
    </message>
    <message>
        <source>{reason}; make the sizes equal, or 1 on that axis (a reshape can insert a size-1 axis)</source>
        <translation>{reason}；请让这两个尺寸相等，或者让该轴的尺寸为 1（reshape 可以插入一个尺寸为 1 的轴）</translation>
    </message>
    <message>
        <source>matmul needs at least 1-D inputs</source>
        <translation>matmul 的输入至少要有 1 维</translation>
    </message>
    <message>
        <source>inner dimensions differ: a is {a}, b is {b} ({ka} ≠ {kb}); b needs {ka} rows to match a&apos;s last axis (transpose or reshape one of them)</source>
        <translation>内侧维度不一致：a 是 {a}，b 是 {b}（{ka} ≠ {kb}）；b 需要 {ka} 行才能与 a 的最后一个轴匹配（把其中一个转置或 reshape）</translation>
    </message>
    <message>
        <source>batch axes of a ({a}) and b ({b}) do not broadcast; the axes before the last two must be equal or 1</source>
        <translation>a（{a}）和 b（{b}）的批量轴无法广播；最后两个轴之前的各轴必须相等或为 1</translation>
    </message>
    <message>
        <source>{what} {axes} name the same axis twice for a {ndim}-D input; list each axis once</source>
        <translation>{what} {axes} 对一个 {ndim} 维输入把同一个轴写了两次；每个轴只列一次</translation>
    </message>
    <message>
        <source>the input is a scalar, so there is no axis to reduce; leave axes empty</source>
        <translation>输入是标量，没有可以归约的轴；把 axes 留空</translation>
    </message>
    <message>
        <source>shape entry {i} is 0 (copy the input&apos;s axis {i}), but the input {shape} has only {ndim} axes; give the size instead</source>
        <translation>形状的第 {i} 项是 0（复制输入的第 {i} 个轴），但输入 {shape} 只有 {ndim} 个轴；请直接给出尺寸</translation>
    </message>
    <message>
        <source>the input {shape} has an open dimension, so its size is unknown; keep it with 0 (or let -1 absorb it) in the new shape</source>
        <translation>输入 {shape} 有一个不定的维度，所以它的大小未知；在新形状中用 0 保留它（或者让 -1 吸收它）</translation>
    </message>
    <message>
        <source>cannot reshape {shape} to {want}: {known_in} elements do not split into groups of {known_out}; change the fixed sizes</source>
        <translation>无法把 {shape} reshape 成 {want}：{known_in} 个元素不能分成每组 {known_out} 个；请修改固定的尺寸</translation>
    </message>
    <message>
        <source>cannot reshape {shape} to {want}: {known_in} elements ≠ {known_out}; make the sizes multiply to {known_in} (or use -1 for one of them)</source>
        <translation>无法把 {shape} reshape 成 {want}：{known_in} 个元素 ≠ {known_out}；让各尺寸的乘积等于 {known_in}（或者把其中一个设为 -1）</translation>
    </message>
    <message>
        <source>axes {axes} has {count} entries but the input has {ndim} axes; list every axis once</source>
        <translation>axes {axes} 有 {count} 项，但输入有 {ndim} 个轴；每个轴都列出且只列一次</translation>
    </message>
    <message>
        <source>cannot flatten a scalar: flatten keeps axis 0, so it needs at least 1 axis</source>
        <translation>无法展平标量：flatten 保留第 0 个轴，所以输入至少要有 1 个轴</translation>
    </message>
    <message>
        <source>cannot concatenate scalars; reshape them to 1 axis first</source>
        <translation>无法拼接标量；先把它们 reshape 成 1 个轴</translation>
    </message>
    <message>
        <source>{name} has {ndim} axes ({shape}) but input a has {nd} ({first}); give every input the same number of axes</source>
        <translation>{name} 有 {ndim} 个轴（{shape}），但输入 a 有 {nd} 个（{first}）；让每个输入的轴数相同</translation>
    </message>
    <message>
        <source>{name} is {shape}, which differs from {first} on axis {i} ({d} ≠ {o}); only axis {axis} (the concat axis) may differ</source>
        <translation>{name} 是 {shape}，在第 {i} 个轴上与 {first} 不同（{d} ≠ {o}）；只有第 {axis} 个轴（拼接轴）可以不同</translation>
    </message>
    <message>
        <source>cannot slice a scalar</source>
        <translation>无法对标量切片</translation>
    </message>
    <message>
        <source>slice {start}:{stop}:{step} of axis {axis} (size {d}) is empty; choose start and stop inside 0..{d}</source>
        <translation>第 {axis} 个轴（大小 {d}）的切片 {start}:{stop}:{step} 是空的；请在 0..{d} 之内选择 start 和 stop</translation>
    </message>
    <message>
        <source>{name}: {error}</source>
        <translation>{name}：{error}</translation>
    </message>
    <message>
        <source>{name} must be one of {choices}; got {value!r}</source>
        <translation>{name} 必须是 {choices} 之一；得到的是 {value!r}</translation>
    </message>
    <message>
        <source>{name}: every dimension must be at least 1 (or left open); got {value!r}</source>
        <translation>{name}：每个维度必须至少为 1（或留空）；得到的是 {value!r}</translation>
    </message>
    <message>
        <source>{name} must be {kind}; got {value!r}</source>
        <translation>{name} 必须是{kind}；得到的是 {value!r}</translation>
    </message>
    <message>
        <source>{name} must be at least {min}; got {value}</source>
        <translation>{name} 必须至少为 {min}；得到的是 {value}</translation>
    </message>
    <message>
        <source>{name} must be at most {max}; got {value}</source>
        <translation>{name} 最多为 {max}；得到的是 {value}</translation>
    </message>
    <message>
        <source>{name}: every entry must be at least {min}; got {value}</source>
        <translation>{name}：每一项必须至少为 {min}；得到的是 {value}</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>a finite number</source>
        <translation>有限的数</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>a list of whole numbers</source>
        <translation>整数列表</translation>
    </message>
    <message>
        <source>a shape (whole numbers, None for open)</source>
        <translation>形状（整数，None 表示不定）</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>{op} has no parameter {name!r}; it has {known}</source>
        <translation>{op} 没有参数 {name!r}；它的参数是 {known}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>unknown initializer {init!r}; use one of {names}</source>
        <translation>未知的初始化方式 {init!r}；请使用 {names} 之一</translation>
    </message>
    <message>
        <source>shapes {a} and {b} do not broadcast: axis {axis} is {x} and {y}</source>
        <translation>形状 {a} 和 {b} 无法广播：轴 {axis} 分别是 {x} 和 {y}</translation>
    </message>
    <message>
        <source>axis {axis} is out of range for {ndim} dimensions</source>
        <translation>轴 {axis} 超出了 {ndim} 个维度的范围</translation>
    </message>
    <message>
        <source>{op} needs a 4-D input N x C x H x W (channels first); got {shape}</source>
        <translation>{op} 需要 4 维输入 N x C x H x W（通道在前）；得到的是 {shape}</translation>
    </message>
    <message>
        <source>input {shape}, kernel {k}, stride {s}, padding {p}</source>
        <translation>输入 {shape}，卷积核 {k}，步幅 {s}，填充 {p}</translation>
    </message>
    <message>
        <source>{desc}: the kernel is larger than the padded input ({d} + 2*{p} = {padded} &lt; {k}); use a smaller kernel or more padding</source>
        <translation>{desc}：卷积核比填充后的输入还大（{d} + 2*{p} = {padded} &lt; {k}）；请用更小的卷积核或更多的填充</translation>
    </message>
    <message>
        <source>{desc}: ({d} - {k} + 2*{p})/{s} + 1 = {v} is not a whole number; change the stride or the padding</source>
        <translation>{desc}：({d} - {k} + 2*{p})/{s} + 1 = {v} 不是整数；请修改步幅或填充</translation>
    </message>
    <message>
        <source>conv2d needs the channel count (axis 1) of its input to be known</source>
        <translation>conv2d 需要知道输入的通道数（轴 1）</translation>
    </message>
    <message>
        <source>{op} needs an input N x C x H x W; got {shape}</source>
        <translation>{op} 需要输入 N x C x H x W；得到的是 {shape}</translation>
    </message>
    <message>
        <source>bias and alpha cannot both be 0 (the divisor would be 0)</source>
        <translation>bias 和 alpha 不能同时为 0（除数会是 0）</translation>
    </message>
    <message>
        <source>lrn needs channels on axis 1 (N x C x ...); got {shape}</source>
        <translation>lrn 需要通道在轴 1 上（N x C x ...）；得到的是 {shape}</translation>
    </message>
    <message>
        <source>the input&apos;s {c} channels do not split into {g} groups; choose groups dividing {c}</source>
        <translation>输入的 {c} 个通道无法分成 {g} 组；请选择能整除 {c} 的组数</translation>
    </message>
    <message>
        <source>{o} filters do not split into {g} groups; make out_channels a multiple of {g}</source>
        <translation>{o} 个滤波器无法分成 {g} 组；请让 out_channels 是 {g} 的倍数</translation>
    </message>
    <message>
        <source>input x{port}: {reason}; make the sizes equal, or 1 on that axis</source>
        <translation>输入 x{port}：{reason}；请让两边大小相等，或在该轴上为 1</translation>
    </message>
    <message>
        <source>pads needs 4 entries (top, left, bottom, right); got {pads}</source>
        <translation>pads 需要 4 项（上、左、下、右）；得到的是 {pads}</translation>
    </message>
    <message>
        <source>pads {pads} cut away all of axis {axis} (size {d}); cut less</source>
        <translation>pads {pads} 把轴 {axis}（大小 {d}）全部裁掉了；请少裁一些</translation>
    </message>
    <message>
        <source>({d} + {extra} - {k})/{s} + 1 = {v} is not a whole number of windows; change the stride or the pads</source>
        <translation>({d} + {extra} - {k})/{s} + 1 = {v} 不是整数个窗口；请修改步幅或 pads</translation>
    </message>
    <message>
        <source>dense needs an input N x features; got {shape} (add a reshape)</source>
        <translation>dense 需要输入 N x 特征数；得到的是 {shape}（加一个 reshape）</translation>
    </message>
    <message>
        <source>dense needs its input&apos;s last dimension (the features) to be known</source>
        <translation>dense 需要知道输入的最后一个维度（特征数）</translation>
    </message>
    <message>
        <source>id {value} is not a whole number; ids must be integers in 0 .. {top}</source>
        <translation>id {value} 不是整数；id 必须是 0 .. {top} 之间的整数</translation>
    </message>
    <message>
        <source>id {value} is out of range 0 .. {top}; raise num_embeddings to at least {need} or fix the data</source>
        <translation>id {value} 超出范围 0 .. {top}；请把 num_embeddings 增大到至少 {need}，或修正数据</translation>
    </message>
    <message>
        <source>rate must be below 1 (1 would drop everything); got {rate}</source>
        <translation>rate 必须小于 1（1 会丢弃全部）；得到的是 {rate}</translation>
    </message>
    <message>
        <source>batch_norm needs an input N x F or N x C x H x W with a known axis 1; got {shape}</source>
        <translation>batch_norm 需要输入 N x F 或 N x C x H x W，且轴 1 已知；得到的是 {shape}</translation>
    </message>
    <message>
        <source>{op} needs a batch axis: prediction is a scalar</source>
        <translation>{op} 需要一个批量轴：预测值是标量</translation>
    </message>
    <message>
        <source>target {target} does not match prediction {pred}; reshape one of them</source>
        <translation>目标 {target} 与预测 {pred} 不匹配；请 reshape 其中一个</translation>
    </message>
    <message>
        <source>class id {value} is out of range for {k} classes (ids must be 0..{top})</source>
        <translation>类别 id {value} 超出了 {k} 个类别的范围（id 必须是 0..{top}）</translation>
    </message>
    <message>
        <source>softmax_ce needs logits of shape NxK; got {shape}</source>
        <translation>softmax_ce 需要形状为 NxK 的 logits；得到的是 {shape}</translation>
    </message>
    <message>
        <source>target has {ids} class ids but the prediction has {rows} rows</source>
        <translation>目标有 {ids} 个类别 id，但预测有 {rows} 行</translation>
    </message>
    <message>
        <source>target {target} does not match prediction {pred}: give class ids (N) or one-hot rows (NxK)</source>
        <translation>目标 {target} 与预测 {pred} 不匹配：请给出类别 id（N）或 one-hot 行（NxK）</translation>
    </message>
    <message>
        <source>{op} needs at least 1 axis (the classes); the input is a scalar</source>
        <translation>{op} 至少需要 1 个轴（类别）；输入是标量</translation>
    </message>
    <message>
        <source>{name}: the data is not a regular array of numbers (rows of different lengths?)</source>
        <translation>{name}：数据不是规整的数字数组（各行长度不同？）</translation>
    </message>
    <message>
        <source>{name}: the data must be real numbers; got values of type {dtype}</source>
        <translation>{name}：数据必须是实数；得到的值类型是 {dtype}</translation>
    </message>
    <message>
        <source>{name} takes integer ids (its dtype is int), but the data holds {value}; give whole numbers, or set the input&apos;s dtype to float</source>
        <translation>{name} 接收整数 id（它的 dtype 是 int），但数据中有 {value}；请给出整数，或把该输入的 dtype 设为 float</translation>
    </message>
    <message>
        <source>shape may contain at most one -1 (the inferred size); got {shape}</source>
        <translation>shape 中最多只能有一个 -1（自动推断的大小）；得到的是 {shape}</translation>
    </message>
    <message>
        <source>{name}: expected {ndim} dimensions ({declared}), got {got} ({shape})</source>
        <translation>{name}：应有 {ndim} 个维度（{declared}），实际是 {got} 个（{shape}）</translation>
    </message>
    <message>
        <source>{name}: axis {axis} should be {want}, got {got} (data {shape})</source>
        <translation>{name}：轴 {axis} 应为 {want}，实际是 {got}（数据 {shape}）</translation>
    </message>
    <message>
        <source>{formula} → not a whole number</source>
        <translation>{formula} → 不是整数</translation>
    </message>
    <message>
        <source>{formula} → the kernel is larger than the padded input</source>
        <translation>{formula} → 卷积核比填充后的输入还大</translation>
    </message>
    <message>
        <source>there is no node {nid!r}</source>
        <translation>没有节点 {nid!r}</translation>
    </message>
    <message>
        <source>there is no node named {name!r}</source>
        <translation>没有名为 {name!r} 的节点</translation>
    </message>
    <message>
        <source>unknown op {op!r}; choose one of: {ops}</source>
        <translation>未知的运算 {op!r}；请从这些中选择：{ops}</translation>
    </message>
    <message>
        <source>a node with id {nid!r} exists already</source>
        <translation>id 为 {nid!r} 的节点已经存在</translation>
    </message>
    <message>
        <source>{name!r} is not a usable name: start with a letter, then letters, digits, _ - . [ ]</source>
        <translation>{name!r} 不能用作名称：请以字母开头，后面接字母、数字、_ - . [ ]</translation>
    </message>
    <message>
        <source>the name {name!r} is taken by another node; choose another</source>
        <translation>名称 {name!r} 已被另一个节点使用；请换一个</translation>
    </message>
    <message>
        <source>both ends must be nodes of this graph</source>
        <translation>连线两端都必须是这个图中的节点</translation>
    </message>
    <message>
        <source>{name} ({op}) has no input port {port}</source>
        <translation>{name}（{op}）没有输入端口 {port}</translation>
    </message>
    <message>
        <source>{name} cannot take its own output as input (that is a cycle)</source>
        <translation>{name} 不能把自己的输出作为输入（那是一个环）</translation>
    </message>
    <message>
        <source>input {input} of {name} is already connected; disconnect it first</source>
        <translation>{name} 的输入 {input} 已经连接；请先断开它</translation>
    </message>
    <message>
        <source>wiring {src} → {dst} would make a cycle ({dst} already feeds {src})</source>
        <translation>连线 {src} → {dst} 会形成一个环（{dst} 已经在为 {src} 提供输入）</translation>
    </message>
    <message>
        <source>input port {port} of {name} is not connected</source>
        <translation>{name} 的输入端口 {port} 没有连接</translation>
    </message>
    <message>
        <source>{name} has no array {key!r}</source>
        <translation>{name} 没有数组 {key!r}</translation>
    </message>
    <message>
        <source>{name}.{key}: shape {shape} does not match {want}</source>
        <translation>{name}.{key}：形状 {shape} 与 {want} 不符</translation>
    </message>
    <message>
        <source>select at least one node to group</source>
        <translation>请至少选择一个节点来组合</translation>
    </message>
    <message>
        <source>{name} is already in group {group}; ungroup it first</source>
        <translation>{name} 已经在组 {group} 中；请先取消组合</translation>
    </message>
    <message>
        <source>there is no group {gid!r}</source>
        <translation>没有组 {gid!r}</translation>
    </message>
    <message>
        <source>a {what} on {batch} {examples} needs about {total} in {dtype}, but only {free} of memory is available; the largest part is {name} ({big}). Use fewer examples per batch, float32, or a smaller {name}</source>
        <translation>在 {batch} 个{examples}上做一次{what}大约需要 {total}（{dtype}），但可用内存只有 {free}；最大的部分是 {name}（{big}）。请减少每批的样本数、使用 float32，或把 {name} 改小</translation>
    </message>
    <message>
        <source>forward and backward pass</source>
        <translation>前向传播和反向传播</translation>
    </message>
    <message>
        <source>forward pass</source>
        <translation>前向传播</translation>
    </message>
    <message>
        <source>example</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>examples</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>the graph is empty: drag an input and some ops onto the canvas</source>
        <translation>图是空的：请把一个输入和一些运算拖到画布上</translation>
    </message>
    <message>
        <source>cannot run: {issue}</source>
        <translation>无法运行：{issue}</translation>
    </message>
    <message>
        <source>data was given for {key!r}, but there is no input of that name</source>
        <translation>给了 {key!r} 的数据，但没有这个名称的输入</translation>
    </message>
    <message>
        <source>input {name} has no data; load a dataset or feed it</source>
        <translation>输入 {name} 没有数据；请加载一个数据集或为它提供数据</translation>
    </message>
    <message>
        <source>no data to step with: feed the inputs first</source>
        <translation>没有可用于单步执行的数据：请先为输入提供数据</translation>
    </message>
    <message>
        <source>{name} ({op}) failed in the {phase} pass: {error} (inputs: {shapes}); check the data fed to the inputs, e.g. that every input gets the same number of examples</source>
        <translation>{name}（{op}）在{phase}中失败：{error}（输入：{shapes}）；请检查输入的数据，例如每个输入的样本数是否相同</translation>
    </message>
    <message>
        <source>forward</source>
        <translation>前向传播</translation>
    </message>
    <message>
        <source>backward</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <source>{name} ({op}) gave {shape} but its shape is {want} (inputs: {shapes}); the data fed to the inputs disagree on an open dimension: feed every input the same number of examples</source>
        <translation>{name}（{op}）得到了 {shape}，但它的形状应为 {want}（输入：{shapes}）；各输入的数据在一个不定维度上不一致：请给每个输入相同数量的样本</translation>
    </message>
    <message>
        <source>max_entries must be at least 1</source>
        <translation>max_entries 必须至少为 1</translation>
    </message>
    <message>
        <source>ε must be a small positive number (e.g. 1e-6); got {eps!r}</source>
        <translation>ε 必须是一个很小的正数（例如 1e-6）；得到的是 {eps!r}</translation>
    </message>
    <message>
        <source>gradient check needs a cost: add a loss node (a scalar output) or choose the target node</source>
        <translation>梯度检验需要一个代价：请添加一个损失函数节点（标量输出），或选择目标节点</translation>
    </message>
    <message>
        <source>the cost is not finite ({cost}); first bad node: {node}</source>
        <translation>代价不是有限值（{cost}）；第一个出问题的节点：{node}</translation>
    </message>
    <message>
        <source>gradient check stopped after {done} of {total} passes</source>
        <translation>梯度检验在 {total} 次传播中的第 {done} 次后停止</translation>
    </message>
    <message>
        <source>{a}; {b}</source>
        <translation>{a}；{b}</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null（空值）</translation>
    </message>
    <message>
        <source>true/false</source>
        <translation>true/false（布尔值）</translation>
    </message>
    <message>
        <source>the number {value}</source>
        <translation>数字 {value}</translation>
    </message>
    <message>
        <source>the text {value}</source>
        <translation>文本 {value}</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>一个列表</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>一个对象</translation>
    </message>
    <message>
        <source>must be an object; got {got}</source>
        <translation>必须是一个对象；得到的是{got}</translation>
    </message>
    <message>
        <source>must be a JSON object; got {got}</source>
        <translation>必须是一个 JSON 对象；得到的是{got}</translation>
    </message>
    <message>
        <source>the field {key!r} is missing</source>
        <translation>缺少字段 {key!r}</translation>
    </message>
    <message>
        <source>unknown field {key}; expected {fields}</source>
        <translation>未知字段 {key}；应为 {fields}</translation>
    </message>
    <message>
        <source>must be a list; got {got}</source>
        <translation>必须是一个列表；得到的是{got}</translation>
    </message>
    <message>
        <source>has {count} entries; this app reads at most {limit}</source>
        <translation>有 {count} 项；本应用最多读取 {limit} 项</translation>
    </message>
    <message>
        <source>must be an id made of letters, digits, _ - . [ ] (at most 100 characters); got {got}</source>
        <translation>必须是由字母、数字、_ - . [ ] 组成的 id（最多 100 个字符）；得到的是{got}</translation>
    </message>
    <message>
        <source>must be true or false; got {got}</source>
        <translation>必须是 true 或 false；得到的是{got}</translation>
    </message>
    <message>
        <source>must be a whole number from {low} to {high}; got {got}</source>
        <translation>必须是 {low} 到 {high} 之间的整数；得到的是{got}</translation>
    </message>
    <message>
        <source>must be text; got {got}</source>
        <translation>必须是文本；得到的是{got}</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>必须是文本</translation>
    </message>
    <message>
        <source>is larger than {mib} MiB; refusing to read it</source>
        <translation>大于 {mib} MiB；拒绝读取</translation>
    </message>
    <message>
        <source>is not UTF-8 text (bad byte at offset {offset})</source>
        <translation>不是 UTF-8 文本（偏移 {offset} 处有错误字节）</translation>
    </message>
    <message>
        <source>{name} is not allowed; numbers must be finite</source>
        <translation>不允许 {name}；数字必须是有限值</translation>
    </message>
    <message>
        <source>the number {text} is too large</source>
        <translation>数字 {text} 太大</translation>
    </message>
    <message>
        <source>the key {key} appears twice in one object</source>
        <translation>键 {key} 在同一个对象中出现了两次</translation>
    </message>
    <message>
        <source>invalid JSON at line {line} column {column}: {error}</source>
        <translation>JSON 无效，位于第 {line} 行第 {column} 列：{error}</translation>
    </message>
    <message>
        <source>nested too deeply to be a graph</source>
        <translation>嵌套太深，不可能是一个图</translation>
    </message>
    <message>
        <source>nested too deeply to be a graph (more than {depth} levels of lists and objects)</source>
        <translation>嵌套太深，不可能是一个图（列表和对象超过 {depth} 层）</translation>
    </message>
    <message>
        <source>the text {text} holds a lone surrogate ({code}), which is not a character; a graph with it could not be saved</source>
        <translation>文本 {text} 含有一个孤立的代理码元（{code}），它不是字符；含有它的图将无法保存</translation>
    </message>
    <message>
        <source>the ZIP archive is damaged or truncated ({error})</source>
        <translation>ZIP 压缩包已损坏或不完整（{error}）</translation>
    </message>
    <message>
        <source>the archive holds a member with a path-like name {name}; refusing it</source>
        <translation>压缩包中有一个名称像路径的成员 {name}；拒绝读取</translation>
    </message>
    <message>
        <source>the archive holds two members with the same name</source>
        <translation>压缩包中有两个同名成员</translation>
    </message>
    <message>
        <source>the archive declares more than 2 GiB of content; refusing it</source>
        <translation>压缩包声明的内容超过 2 GiB；拒绝读取</translation>
    </message>
    <message>
        <source>declares {size} bytes, more than the {limit} it may hold here; refusing it</source>
        <translation>声明了 {size} 字节，超过此处允许的 {limit} 字节；拒绝读取</translation>
    </message>
    <message>
        <source>inflates past its declared size of {size} bytes; refusing it</source>
        <translation>解压后超过了声明的 {size} 字节；拒绝读取</translation>
    </message>
    <message>
        <source>cannot be read from the archive ({error})</source>
        <translation>无法从压缩包中读取（{error}）</translation>
    </message>
    <message>
        <source>{key} uses .npy version {version}, which this app does not read</source>
        <translation>{key} 使用 .npy 版本 {version}，本应用无法读取</translation>
    </message>
    <message>
        <source>{key} is not a valid .npy array ({error})</source>
        <translation>{key} 不是有效的 .npy 数组（{error}）</translation>
    </message>
    <message>
        <source>{key} holds {dtype} values; only numeric arrays are allowed (object or pickled arrays are refused)</source>
        <translation>{key} 存放的是 {dtype} 值；只允许数值数组（对象数组或 pickle 数组会被拒绝）</translation>
    </message>
    <message>
        <source>{key} declares {nbytes} bytes of data but the member holds {size}</source>
        <translation>{key} 声明了 {nbytes} 字节的数据，但该成员只有 {size} 字节</translation>
    </message>
    <message>
        <source>is not a readable .npz archive ({error})</source>
        <translation>不是可读的 .npz 压缩包（{error}）</translation>
    </message>
    <message>
        <source>unexpected member {name}; only .npy arrays belong here</source>
        <translation>意外的成员 {name}；这里只能有 .npy 数组</translation>
    </message>
    <message>
        <source>the arrays declare more than {gib} GiB; refusing to read them</source>
        <translation>这些数组声明的大小超过 {gib} GiB；拒绝读取</translation>
    </message>
    <message>
        <source>an array name appears twice</source>
        <translation>有一个数组名出现了两次</translation>
    </message>
    <message>
        <source>cannot read {key} ({error})</source>
        <translation>无法读取 {key}（{error}）</translation>
    </message>
    <message>
        <source>{value} is too large</source>
        <translation>{value} 太大</translation>
    </message>
    <message>
        <source>must be {kind}; got {got}</source>
        <translation>必须是{kind}；得到的是{got}</translation>
    </message>
    <message>
        <source>not a graph file: {where} has format {format}, expected {want!r}</source>
        <translation>不是图文件：{where} 的格式是 {format}，应为 {want!r}</translation>
    </message>
    <message>
        <source>version must be a whole number; got {got}</source>
        <translation>版本号必须是整数；得到的是{got}</translation>
    </message>
    <message>
        <source>version {version} is newer than this app reads ({known}); update the app to open this file</source>
        <translation>版本 {version} 比本应用能读取的版本（{known}）更新；请更新应用后再打开这个文件</translation>
    </message>
    <message>
        <source>version {version} is not a version this app knows (1 to {known})</source>
        <translation>版本 {version} 不是本应用认识的版本（1 到 {known}）</translation>
    </message>
    <message>
        <source>unknown op {op}; this app knows {ops}</source>
        <translation>未知的运算 {op}；本应用认识的运算有 {ops}</translation>
    </message>
    <message>
        <source>there is no node with id {nid}</source>
        <translation>没有 id 为 {nid} 的节点</translation>
    </message>
    <message>
        <source>must be a whole number from 0 to {top}; got {got}</source>
        <translation>必须是 0 到 {top} 之间的整数；得到的是{got}</translation>
    </message>
    <message>
        <source>the wires make a cycle: {names}; a graph must not loop back</source>
        <translation>这些连线形成了一个环：{names}；图不能回绕</translation>
    </message>
    <message>
        <source>the group id {gid!r} is used twice</source>
        <translation>组 id {gid!r} 被使用了两次</translation>
    </message>
    <message>
        <source>lists a node twice</source>
        <translation>把一个节点列出了两次</translation>
    </message>
    <message>
        <source>the graph&apos;s arrays would hold {found} at node {name}; more than this app loads</source>
        <translation>图的数组在节点 {name} 处将包含 {found}；超过本应用能加载的量</translation>
    </message>
    <message>
        <source>the graph&apos;s arrays would hold {count} numbers; more than this app loads</source>
        <translation>图的数组将包含 {count} 个数；超过本应用能加载的量</translation>
    </message>
    <message>
        <source>shape inference failed: {error}</source>
        <translation>形状推断失败：{error}</translation>
    </message>
    <message>
        <source>must be &apos;&lt;node id&gt;/&lt;array name&gt;&apos; for a node of this graph</source>
        <translation>必须是这个图中某个节点的 &apos;&lt;节点 id&gt;/&lt;数组名&gt;&apos;</translation>
    </message>
    <message>
        <source>{dtype} is not a numeric type</source>
        <translation>{dtype} 不是数值类型</translation>
    </message>
    <message>
        <source>{key} has shape {shape} but the node ({name}) expects {want}</source>
        <translation>{key} 的形状是 {shape}，但节点（{name}）需要 {want}</translation>
    </message>
    <message>
        <source>{key}: node {name} has no array {array!r}</source>
        <translation>{key}：节点 {name} 没有数组 {array!r}</translation>
    </message>
    <message>
        <source>{key} would hold {count} numbers, more than the {limit} a node may hold</source>
        <translation>{key} 将包含 {count} 个数，超过一个节点最多能有的 {limit} 个</translation>
    </message>
    <message>
        <source>the arrays of nodes whose shape is unknown would take {size} bytes, far more than a {file_size}-byte file holds; refusing them</source>
        <translation>形状未知的节点的数组将占用 {size} 字节，远超一个 {file_size} 字节的文件所能容纳的；拒绝读取</translation>
    </message>
    <message>
        <source>its arrays would take more than {gib} GiB; refusing them</source>
        <translation>它的数组将占用超过 {gib} GiB；拒绝读取</translation>
    </message>
    <message>
        <source>declares {size} bytes, more than the graph&apos;s arrays need ({need}); refusing it</source>
        <translation>声明了 {size} 字节，超过图的数组所需的量（{need}）；拒绝读取</translation>
    </message>
    <message>
        <source>holds {key}, which graph.json does not list</source>
        <translation>含有 {key}，但 graph.json 中没有列出它</translation>
    </message>
    <message>
        <source>{key} is {dtype} {shape}; graph.json says {want_dtype} {want}</source>
        <translation>{key} 是 {dtype} {shape}；graph.json 写的是 {want_dtype} {want}</translation>
    </message>
    <message>
        <source>{key} is listed in graph.json but missing</source>
        <translation>{key} 在 graph.json 中列出了，但文件中没有</translation>
    </message>
    <message>
        <source>not a graph file: graph.json is missing from the archive</source>
        <translation>不是图文件：压缩包中缺少 graph.json</translation>
    </message>
    <message>
        <source>is larger than {mib} MiB; refusing it</source>
        <translation>大于 {mib} MiB；拒绝读取</translation>
    </message>
    <message>
        <source>is larger than {gib} GiB; refusing it</source>
        <translation>大于 {gib} GiB；拒绝读取</translation>
    </message>
    <message>
        <source>declares more than 2 GiB; refusing it</source>
        <translation>声明的大小超过 2 GiB；拒绝读取</translation>
    </message>
    <message>
        <source>the file is empty; it is not a graph file</source>
        <translation>文件是空的；它不是图文件</translation>
    </message>
    <message>
        <source>not a graph file: it is not a ZIP archive, and too large to be JSON</source>
        <translation>不是图文件：它不是 ZIP 压缩包，而且太大，不可能是 JSON</translation>
    </message>
    <message>
        <source>not a graph file: it is not a ZIP archive or JSON</source>
        <translation>不是图文件：它既不是 ZIP 压缩包也不是 JSON</translation>
    </message>
    <message>
        <source>graph.json lists a dataset but the archive has no {member}</source>
        <translation>graph.json 列出了一个数据集，但压缩包中没有 {member}</translation>
    </message>
    <message>
        <source>its arrays would take more than {limit} bytes, far more than a {file_size}-byte file holds; refusing them</source>
        <translation>它的数组将占用超过 {limit} 字节，远超一个 {file_size} 字节的文件所能容纳的；拒绝读取</translation>
    </message>
    <message>
        <source>not an array file (.npz)</source>
        <translation>不是数组文件（.npz）</translation>
    </message>
    <message>
        <source>{key} has shape {shape} in the file but the node expects {want}</source>
        <translation>{key} 在文件中的形状是 {shape}，但节点需要 {want}</translation>
    </message>
    <message>
        <source>{key} is not in the file</source>
        <translation>文件中没有 {key}</translation>
    </message>
    <message>
        <source>{problems}; nothing was loaded</source>
        <translation>{problems}；没有加载任何内容</translation>
    </message>
    <message>
        <source>no array matches the selected nodes by name; the file holds {keys}</source>
        <translation>没有数组的名称与所选节点相符；文件中有 {keys}</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{path}: {value} cannot be saved; numbers must be finite</source>
        <translation>{path}：{value} 无法保存；数字必须是有限值</translation>
    </message>
    <message>
        <source>{path}: key {key!r} cannot be saved; keys must be text</source>
        <translation>{path}：键 {key!r} 无法保存；键必须是文本</translation>
    </message>
    <message>
        <source>{path}: a {type} cannot be saved; use numbers, text, lists, objects</source>
        <translation>{path}：{type} 类型无法保存；请使用数字、文本、列表、对象</translation>
    </message>
    <message>
        <source>cannot save {nid}/{key}: ids and array names must be letters, digits, _ - . [ ]</source>
        <translation>无法保存 {nid}/{key}：id 和数组名只能由字母、数字、_ - . [ ] 组成</translation>
    </message>
    <message>
        <source>cannot save {name}.{key}: its dtype {dtype} is not numeric</source>
        <translation>无法保存 {name}.{key}：它的 dtype {dtype} 不是数值类型</translation>
    </message>
    <message>
        <source>cannot save node id {nid!r}: use letters, digits, _ - . [ ]</source>
        <translation>无法保存节点 id {nid!r}：请使用字母、数字、_ - . [ ]</translation>
    </message>
    <message>
        <source>the selected nodes own no trained arrays; there is nothing to save</source>
        <translation>所选节点没有训练过的数组；没有可保存的内容</translation>
    </message>
    <message>
        <source>{path}: nested too deeply to be saved</source>
        <translation>{path}：嵌套太深，无法保存</translation>
    </message>
    <message>
        <source>{path}: a {type} cannot be saved with the data</source>
        <translation>{path}：{type} 类型无法与数据一起保存</translation>
    </message>
    <message>
        <source>cannot save the data array {key!r}: array names must be letters, digits, _ - . [ ]</source>
        <translation>无法保存数据数组 {key!r}：数组名只能由字母、数字、_ - . [ ] 组成</translation>
    </message>
    <message>
        <source>cannot save the data array {key!r}: its dtype {dtype} is not numeric</source>
        <translation>无法保存数据数组 {key!r}：它的 dtype {dtype} 不是数值类型</translation>
    </message>
    <message>
        <source>lists no arrays; a dataset needs at least one</source>
        <translation>没有列出任何数组；数据集至少需要一个</translation>
    </message>
    <message>
        <source>array names must be letters, digits, _ - . [ ]</source>
        <translation>数组名只能由字母、数字、_ - . [ ] 组成</translation>
    </message>
    <message>
        <source>a data array needs an examples axis</source>
        <translation>数据数组需要一个样本轴</translation>
    </message>
    <message>
        <source>the arrays hold different numbers of examples ({counts})</source>
        <translation>这些数组的样本数不同（{counts}）</translation>
    </message>
    <message>
        <source>holds {key!r}, which graph.json does not list</source>
        <translation>含有 {key!r}，但 graph.json 中没有列出它</translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation>第 {line} 行</translation>
    </message>
    <message>
        <source>column {column!r}</source>
        <translation>列 {column!r}</translation>
    </message>
    <message>
        <source>line {line}, column {column!r}</source>
        <translation>第 {line} 行，列 {column!r}</translation>
    </message>
    <message>
        <source>the file is empty; choose a CSV file with a header line and data rows</source>
        <translation>文件是空的；请选择一个有表头行和数据行的 CSV 文件</translation>
    </message>
    <message>
        <source>the file starts with a UTF-16 mark but is not valid UTF-16 ({error}); save it as UTF-8 and import again</source>
        <translation>文件以 UTF-16 标记开头，但不是有效的 UTF-16（{error}）；请另存为 UTF-8 后再导入</translation>
    </message>
    <message>
        <source>the file holds zero bytes: it is a binary file or UTF-16 without a byte order mark, not CSV text; save it as CSV UTF-8</source>
        <translation>文件中含有零字节：它是二进制文件或没有字节顺序标记的 UTF-16，而不是 CSV 文本；请另存为 CSV UTF-8</translation>
    </message>
    <message>
        <source>the byte {byte} is not UTF-8 text; the file is in another encoding (Latin-1 or Windows-1252?). Save it as &apos;CSV UTF-8&apos; and import again</source>
        <translation>字节 {byte} 不是 UTF-8 文本；文件使用的是另一种编码（Latin-1 或 Windows-1252？）。请另存为 &apos;CSV UTF-8&apos; 后再导入</translation>
    </message>
    <message>
        <source>field {n}</source>
        <translation>字段 {n}</translation>
    </message>
    <message>
        <source>has {count} values but the header has {columns} columns; fix that line (a missing or extra separator, or an unquoted {sep!r} inside a value?)</source>
        <translation>有 {count} 个值，但表头有 {columns} 列；请修正这一行（少了或多了分隔符，或值里有未加引号的 {sep!r}？）</translation>
    </message>
    <message>
        <source>cannot be read as CSV ({error}); check its quotes</source>
        <translation>无法作为 CSV 读取（{error}）；请检查其中的引号</translation>
    </message>
    <message>
        <source>column {n} has no name; give every column a name in the header</source>
        <translation>第 {n} 列没有名称；请在表头中给每一列命名</translation>
    </message>
    <message>
        <source>the header names {name!r} twice (columns {a} and {b}); rename one</source>
        <translation>表头中 {name!r} 出现了两次（第 {a} 列和第 {b} 列）；请重命名其中一个</translation>
    </message>
    <message>
        <source>has a header but no data rows; add some rows</source>
        <translation>有表头但没有数据行；请添加一些行</translation>
    </message>
    <message>
        <source>the file is larger than {mib} MiB; use a smaller sample</source>
        <translation>文件大于 {mib} MiB；请使用更小的样本</translation>
    </message>
    <message>
        <source>the value is missing (it holds {shown}); fill it in or remove the line</source>
        <translation>缺少值（它是 {shown}）；请填上或删除这一行</translation>
    </message>
    <message>
        <source>{value!r} is not a number, but the column holds numbers; correct it, or read the column as categories (click its name in the preview)</source>
        <translation>{value!r} 不是数字，但这一列是数字；请改正它，或把这一列当作类别读取（在预览中点击列名）</translation>
    </message>
    <message>
        <source>{value!r} is not a finite number; replace it</source>
        <translation>{value!r} 不是有限的数；请替换它</translation>
    </message>
    <message>
        <source>there is no column {target!r} for the target; the columns are {columns}</source>
        <translation>没有名为 {target!r} 的目标列；现有的列是 {columns}</translation>
    </message>
    <message>
        <source>the target is the only column; there are no features to learn from</source>
        <translation>目标是唯一的一列；没有可以学习的特征</translation>
    </message>
    <message>
        <source>holds text, so it cannot be a target of values; choose &apos;classes&apos;</source>
        <translation>含有文本，所以不能作为数值目标；请选择 &apos;classes&apos;</translation>
    </message>
    <message>
        <source>{folder} is not a folder; choose a folder with one sub-folder of images per class</source>
        <translation>{folder} 不是文件夹；请选择一个每个类别一个图像子文件夹的文件夹</translation>
    </message>
    <message>
        <source>{folder} has no sub-folders; put each class&apos;s images in a sub-folder named after the class</source>
        <translation>{folder} 没有子文件夹；请把每个类别的图像放在以类别命名的子文件夹中</translation>
    </message>
    <message>
        <source>the class folders ({classes}) hold no image files ({extensions})</source>
        <translation>类别文件夹（{classes}）中没有图像文件（{extensions}）</translation>
    </message>
    <message>
        <source>the image size must be from 4 to {max} pixels; got {size}</source>
        <translation>图像大小必须在 4 到 {max} 像素之间；得到的是 {size}</translation>
    </message>
    <message>
        <source>none of the {count} image files could be read; the first: {first}</source>
        <translation>{count} 个图像文件都无法读取；第一个：{first}</translation>
    </message>
    <message>
        <source>the header is damaged (a number is missing)</source>
        <translation>文件头已损坏（缺少一个数字）</translation>
    </message>
    <message>
        <source>not an image this reader knows (PGM or PPM)</source>
        <translation>不是这个读取器认识的图像（PGM 或 PPM）</translation>
    </message>
    <message>
        <source>the header says {w}x{h} with maximum {maxval}; that is not an image</source>
        <translation>文件头写的是 {w}x{h}，最大值 {maxval}；这不是一张图像</translation>
    </message>
    <message>
        <source>the file is truncated ({got} of {need} pixel bytes)</source>
        <translation>文件不完整（{need} 个像素字节中只有 {got} 个）</translation>
    </message>
    <message>
        <source>the pixel values are damaged (not numbers)</source>
        <translation>像素值已损坏（不是数字）</translation>
    </message>
    <message>
        <source>the file is truncated ({got} of {need} pixel values)</source>
        <translation>文件不完整（{need} 个像素值中只有 {got} 个）</translation>
    </message>
    <message>
        <source>the data needs an array &apos;x&apos; (features) and &apos;y&apos; (labels); load a data set with both</source>
        <translation>数据需要数组 &apos;x&apos;（特征）和 &apos;y&apos;（标签）；请加载一个两者都有的数据集</translation>
    </message>
    <message>
        <source>x holds ids (e.g. words), not features; choose a data set of numbers</source>
        <translation>x 存放的是 id（例如单词），而不是特征；请选择一个数值数据集</translation>
    </message>
    <message>
        <source>the data has no array named {name!r} for input {name}; it has {arrays}</source>
        <translation>数据中没有输入 {name} 所需的名为 {name!r} 的数组；它有 {arrays}</translation>
    </message>
    <message>
        <source>the data set is empty</source>
        <translation>数据集是空的</translation>
    </message>
    <message>
        <source>{name} has no known shape yet; fix the graph&apos;s shape issues first</source>
        <translation>{name} 的形状还未知；请先修正图的形状问题</translation>
    </message>
    <message>
        <source>{name} is a single number, not a value per example; cut at a layer</source>
        <translation>{name} 是单个数，而不是每个样本一个值；请在某一层处截断</translation>
    </message>
    <message>
        <source>nothing reads {name}; choose a node the rest of the graph builds on</source>
        <translation>没有节点读取 {name}；请选择图的其余部分所依赖的节点</translation>
    </message>
    <message>
        <source>{dst} also reads {src}, which lies before {name}; cut at a node that is the only way into the rest of the graph</source>
        <translation>{dst} 也读取了位于 {name} 之前的 {src}；请在通往图其余部分的唯一节点处截断</translation>
    </message>
    <message>
        <source>every dataset array needs an examples axis; {key!r} is a scalar</source>
        <translation>每个数据集数组都需要一个样本轴；{key!r} 是标量</translation>
    </message>
    <message>
        <source>dataset arrays must have the same number of examples; got {counts}</source>
        <translation>数据集各数组的样本数必须相同；得到的是 {counts}</translation>
    </message>
    <message>
        <source>the {split} fraction must be between 0 and 1; got {value!r}</source>
        <translation>{split}的比例必须在 0 和 1 之间；得到的是 {value!r}</translation>
    </message>
    <message>
        <source>the train, dev and test fractions must add up to 1; {train} + {dev} + {test} = {total}</source>
        <translation>训练集、验证集和测试集的比例之和必须为 1；{train} + {dev} + {test} = {total}</translation>
    </message>
    <message>
        <source>the train fraction must be above 0: training needs examples</source>
        <translation>训练集比例必须大于 0：训练需要样本</translation>
    </message>
    <message>
        <source>{n} examples at a train fraction of {train} leave none for training</source>
        <translation>{n} 个样本按训练集比例 {train} 划分后，没有留下可用于训练的样本</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>dev</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>optimizer must be one of {names}; got {value!r}</source>
        <translation>优化器必须是 {names} 之一；得到的是 {value!r}</translation>
    </message>
    <message>
        <source>the learning rate must be a number greater than 0 (e.g. 0.01); got {value!r}</source>
        <translation>学习率必须是大于 0 的数（例如 0.01）；得到的是 {value!r}</translation>
    </message>
    <message>
        <source>the batch size must be a whole number: 0 for the full batch, 1 for stochastic, more for mini-batches; got {value!r}</source>
        <translation>批量大小必须是整数：0 表示整批，1 表示随机，更大的数表示小批量；得到的是 {value!r}</translation>
    </message>
    <message>
        <source>epochs must be a whole number of at least 1; got {value!r}</source>
        <translation>轮数必须是至少为 1 的整数；得到的是 {value!r}</translation>
    </message>
    <message>
        <source>{name} must be at least 0 and below 1 (e.g. 0.9); got {value!r}</source>
        <translation>{name} 必须大于等于 0 且小于 1（例如 0.9）；得到的是 {value!r}</translation>
    </message>
    <message>
        <source>eps must be a small positive number (e.g. 1e-8); got {value!r}</source>
        <translation>eps 必须是一个很小的正数（例如 1e-8）；得到的是 {value!r}</translation>
    </message>
    <message>
        <source>dtype must be float32 or float64; got {value!r}</source>
        <translation>dtype 必须是 float32 或 float64；得到的是 {value!r}</translation>
    </message>
    <message>
        <source>the training set is empty; load or generate some data</source>
        <translation>训练集是空的；请加载或生成一些数据</translation>
    </message>
    <message>
        <source>the graph has no cost to minimize: end it with a loss node whose reduction is &apos;mean&apos; (a single number)</source>
        <translation>图中没有要最小化的代价：请以一个 reduction 为 &apos;mean&apos;（单个数）的损失函数节点结尾</translation>
    </message>
    <message>
        <source>the cost {name} must be a single number; use a loss with reduction &apos;mean&apos;</source>
        <translation>代价 {name} 必须是单个数；请使用 reduction 为 &apos;mean&apos; 的损失函数</translation>
    </message>
    <message>
        <source>the {what} data has no array named {name!r} for input {name}; it has {arrays}. Rename the input node or the dataset array</source>
        <translation>{what}数据中没有输入 {name} 所需的名为 {name!r} 的数组；它有 {arrays}。请重命名输入节点或数据集数组</translation>
    </message>
    <message>
        <source>the {what} data for {name}</source>
        <translation>{name} 的{what}数据</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>training stopped after epoch {epoch}: {why}. {fix}</source>
        <translation>训练在第 {epoch} 轮后停止：{why}。{fix}</translation>
    </message>
    <message>
        <source>training stopped after epoch {epoch}: {why} first at node {node!r}. {fix}</source>
        <translation>训练在第 {epoch} 轮后停止：{why}，最先出现在节点 {node!r}。{fix}</translation>
    </message>
    <message>
        <source>training stopped at iteration {it}: the values became NaN or infinite. {fix}</source>
        <translation>训练在第 {it} 次迭代时停止：数值变成了 NaN 或无穷大。{fix}</translation>
    </message>
    <message>
        <source>training stopped at iteration {it}: the values became NaN or infinite first at node {node!r}. {fix}</source>
        <translation>训练在第 {it} 次迭代时停止：数值变成了 NaN 或无穷大，最先出现在节点 {node!r}。{fix}</translation>
    </message>
    <message>
        <source>The learning rate α = {lr:g} is too large for this network: try a smaller learning rate, such as α = {suggest:g}</source>
        <translation>学习率 α = {lr:g} 对这个网络来说太大了：请试一个更小的学习率，例如 α = {suggest:g}</translation>
    </message>
    <message>
        <source>{name} does not lead to the cost; it is not computed while training</source>
        <translation>{name} 不通向代价；训练时不会计算它</translation>
    </message>
    <message>
        <source>α = {lr:g} is above what {optimizer} usually takes ({lo:g} to {hi:g}): expect the cost to blow up; try {typical:g}</source>
        <translation>α = {lr:g} 高于 {optimizer} 通常使用的范围（{lo:g} 到 {hi:g}）：代价很可能会发散；试试 {typical:g}</translation>
    </message>
    <message>
        <source>α = {lr:g} is below what {optimizer} usually takes ({lo:g} to {hi:g}): training will barely move; try {typical:g}</source>
        <translation>α = {lr:g} 低于 {optimizer} 通常使用的范围（{lo:g} 到 {hi:g}）：训练几乎不会前进；试试 {typical:g}</translation>
    </message>
    <message>
        <source>the cost became NaN or infinite</source>
        <translation>代价变成了 NaN 或无穷大</translation>
    </message>
    <message>
        <source>the train cost grew from {start:.3g} to {cost:.3g} by epoch {epoch}, instead of falling</source>
        <translation>训练集代价到第 {epoch} 轮时从 {start:.3g} 涨到了 {cost:.3g}，而不是下降</translation>
    </message>
    <message>
        <source>the graph has an error: {node}: {error}. Fix it (the node is marked on the canvas), then start again</source>
        <translation>图有错误：{node}：{error}。请修好它（画布上已标出该节点），然后重新开始</translation>
    </message>
    <message>
        <source>data &apos;{label}&apos; has no array named {name!r} for input {name} (it has {arrays}): choose other data, or rename the input</source>
        <translation>数据“{label}”中没有名为 {name!r} 的数组供输入 {name} 使用（它有 {arrays}）：请选择其他数据，或者给输入改名</translation>
    </message>
    <message>
        <source>data &apos;{label}&apos; does not fit input {why}: choose data that matches the graph&apos;s inputs, or change the input&apos;s shape</source>
        <translation>数据“{label}”不适合输入 {why}：请选择与图的输入匹配的数据，或者修改输入的形状</translation>
    </message>
    <message>
        <source>data &apos;{label}&apos; gives input {name} ids from {lo} to {hi}, but {what} take 0 to {top}: choose data with at most {count} classes, or widen the graph</source>
        <translation>数据“{label}”给输入 {name} 的编号从 {lo} 到 {hi}，但{what}只接受 0 到 {top}：请选择最多 {count} 个类别的数据，或者把图加宽</translation>
    </message>
    <message>
        <source>the {count} classes of {name}</source>
        <translation> {name} 的 {count} 个类别</translation>
    </message>
    <message>
        <source>the {count} rows of {name}</source>
        <translation> {name} 的 {count} 行</translation>
    </message>
    <message>
        <source>{a} = {z}  (no activation: {g} is the identity)</source>
        <translation>{a} = {z}  （没有激活函数：{g} 是恒等函数）</translation>
    </message>
    <message>
        <source>guide {name!r}: the file must hold a JSON object</source>
        <translation>导读 {name!r}：文件内容必须是一个 JSON 对象</translation>
    </message>
    <message>
        <source>guide {name!r}: not valid JSON ({error})</source>
        <translation>导读 {name!r}：不是有效的 JSON（{error}）</translation>
    </message>
    <message>
        <source>guide {name!r}: &apos;{key}&apos; must be a non-empty text</source>
        <translation>导读 {name!r}：&apos;{key}&apos; 必须是非空文本</translation>
    </message>
    <message>
        <source>guide {name!r}, step {step}: &apos;{key}&apos; must be a non-empty text</source>
        <translation>导读 {name!r}，第 {step} 步：&apos;{key}&apos; 必须是非空文本</translation>
    </message>
    <message>
        <source>guide {name!r}: &apos;try&apos; must list two to four concrete actions</source>
        <translation>导读 {name!r}：&apos;try&apos; 必须列出两到四个具体操作</translation>
    </message>
    <message>
        <source>guide {name!r}: &apos;layout&apos; must be one of {layouts}</source>
        <translation>导读 {name!r}：&apos;layout&apos; 必须是 {layouts} 之一</translation>
    </message>
    <message>
        <source>guide {name!r}: &apos;panels&apos; must be a list of panel titles</source>
        <translation>导读 {name!r}：&apos;panels&apos; 必须是面板标题的列表</translation>
    </message>
    <message>
        <source>guide {name!r}: step {step} must have &apos;do&apos; set to one of {verbs}</source>
        <translation>导读 {name!r}：第 {step} 步的 &apos;do&apos; 必须是 {verbs} 之一</translation>
    </message>
    <message>
        <source>guide {name!r}, step {step} ({verb}): needs {missing}</source>
        <translation>导读 {name!r}，第 {step} 步（{verb}）：缺少 {missing}</translation>
    </message>
    <message>
        <source>guide {name!r}, step {step}: &apos;epochs&apos; must be a whole number 1-10000</source>
        <translation>导读 {name!r}，第 {step} 步：&apos;epochs&apos; 必须是 1 到 10000 的整数</translation>
    </message>
    <message>
        <source>guide {name!r}, step {step}: unknown layout {layout!r}</source>
        <translation>导读 {name!r}，第 {step} 步：未知的布局 {layout!r}</translation>
    </message>
    <message>
        <source>guide {name!r}, step {step}: &apos;{key}&apos; must be a stable id such as {example} (the object name, which no translation changes), not {value!r}</source>
        <translation>导读 {name!r}，第 {step} 步：&apos;{key}&apos; 必须是稳定的标识，例如 {example}（对象名称，不随翻译改变），而不是 {value!r}</translation>
    </message>
    <message>
        <source>guide {name!r}: &apos;order&apos; must be a whole number</source>
        <translation>导读 {name!r}：&apos;order&apos; 必须是整数</translation>
    </message>
    <message>
        <source>guide {name!r} ({language}): its steps, layout, order, panels or number of things to try differ from the English guide&apos;s; translate only the texts</source>
        <translation>导读 {name!r}（{language}）：它的步骤、布局、顺序、面板或尝试项的数量与英文导读不同；只翻译文字</translation>
    </message>
    <message>
        <source>diverging</source>
        <translation>发散</translation>
    </message>
    <message>
        <source>high bias</source>
        <translation>高偏差</translation>
    </message>
    <message>
        <source>high variance</source>
        <translation>高方差</translation>
    </message>
    <message>
        <source>high bias and high variance</source>
        <translation>高偏差且高方差</translation>
    </message>
    <message>
        <source>neither</source>
        <translation>两者都不高</translation>
    </message>
    <message>
        <source>{reason} → a smaller learning rate (no bias/variance verdict for a diverging run)</source>
        <translation>{reason} → 用更小的学习率（发散的运行不做偏差/方差判断）</translation>
    </message>
    <message>
        <source>{reason} → a smaller learning rate: α = {suggested:g} instead of {lr:g} (no bias/variance verdict for a diverging run)</source>
        <translation>{reason} → 用更小的学习率：α = {suggested:g}，而不是 {lr:g}（发散的运行不做偏差/方差判断）</translation>
    </message>
    <message>
        <source>{reason} (no bias/variance verdict for a diverging run)</source>
        <translation>{reason}（发散的运行不做偏差/方差判断）</translation>
    </message>
    <message>
        <source>No epoch finished yet.</source>
        <translation>还没有完成任何一轮。</translation>
    </message>
    <message>
        <source>train error {train:.1%}</source>
        <translation>训练集误差 {train:.1%}</translation>
    </message>
    <message>
        <source>train error {train:.1%}, dev error {dev:.1%}</source>
        <translation>训练集误差 {train:.1%}，验证集误差 {dev:.1%}</translation>
    </message>
    <message>
        <source>train cost {train:.4g}</source>
        <translation>训练集代价 {train:.4g}</translation>
    </message>
    <message>
        <source>train cost {train:.4g}, dev cost {dev:.4g}</source>
        <translation>训练集代价 {train:.4g}，验证集代价 {dev:.4g}</translation>
    </message>
    <message>
        <source>high bias → a bigger network (more units or layers), train longer, or a better optimizer</source>
        <translation>高偏差 → 用更大的网络（更多单元或更多层）、训练更久，或换更好的优化器</translation>
    </message>
    <message>
        <source>high variance → more data, regularization (L2, dropout)</source>
        <translation>高方差 → 更多数据、正则化（L2、dropout）</translation>
    </message>
    <message>
        <source>but the dev set ({dev}) is not drawn from the training data: part of the gap can be data mismatch, which neither fixes; make the training data look like the data you care about</source>
        <translation>但验证集（{dev}）不是从训练数据中抽取的：差距的一部分可能来自数据不匹配，上面两种办法都解决不了；请让训练数据更像你关心的数据</translation>
    </message>
    <message>
        <source>low bias and low variance: the model fits and generalizes</source>
        <translation>低偏差、低方差：模型既拟合了数据，也能泛化</translation>
    </message>
    <message>
        <source>low bias and low variance: the model fits and generalizes (no dev set to check variance)</source>
        <translation>低偏差、低方差：模型既拟合了数据，也能泛化（没有验证集来检查方差）</translation>
    </message>
    <message>
        <source>{first}; {rest}</source>
        <translation>{first}；{rest}</translation>
    </message>
    <message>
        <source>{figures}: {advice}</source>
        <translation>{figures}：{advice}</translation>
    </message>
    <message>
        <source>r = 1: no convolution or pooling before this map, so each pixel sees itself</source>
        <translation>r = 1：这张特征图之前没有卷积或池化，所以每个像素只看到它自己</translation>
    </message>
    <message>
        <source>r = {sum} = {r} pixels square, neighbours {jump} apart  (r_l = r_l−1 + (k_l − 1)·j_l−1, j_l = j_l−1·s_l; {layers})</source>
        <translation>r = {sum} = {r} 像素见方，相邻输出相隔 {jump} 像素  (r_l = r_l−1 + (k_l − 1)·j_l−1, j_l = j_l−1·s_l; {layers})</translation>
    </message>
    <message>
        <source>{name}: embedding table ({rows} rows)</source>
        <translation>{name}：嵌入表（{rows} 行）</translation>
    </message>
    <message>
        <source>{name}: its values over the data</source>
        <translation>{name}：它在数据上的值</translation>
    </message>
    <message>
        <source>the data itself (x)</source>
        <translation>数据本身（x）</translation>
    </message>
    <message>
        <source>rows of {name}&apos;s embedding table</source>
        <translation>{name} 的嵌入表的各行</translation>
    </message>
    <message>
        <source>{name} for {count} examples</source>
        <translation>{name}，{count} 个样本</translation>
    </message>
    <message>
        <source>each filter (one input channel)</source>
        <translation>每个滤波器（一个输入通道）</translation>
    </message>
    <message>
        <source>each filter averaged over its {channels} input channels</source>
        <translation>每个滤波器在它的 {channels} 个输入通道上取平均</translation>
    </message>
    <message>
        <source>each filter&apos;s slice for input channel {channel}</source>
        <translation>每个滤波器在输入通道 {channel} 上的切片</translation>
    </message>
    <message>
        <source>{name}: {shape} {dtype}, values {lo:.3g} … {hi:.3g}</source>
        <translation>{name}：{shape} {dtype}，取值 {lo:.3g} … {hi:.3g}</translation>
    </message>
    <message>
        <source>{name}: {shape} {dtype}</source>
        <translation>{name}：{shape} {dtype}</translation>
    </message>
    <message>
        <source>{before}{shown} + … ({count} terms){after}</source>
        <translation>{before}{shown} + …（共 {count} 项）{after}</translation>
    </message>
    <message>
        <source>{before}{shown}, … ({count} values){after}</source>
        <translation>{before}{shown}, …（共 {count} 个值）{after}</translation>
    </message>
    <message>
        <source>{before}{value} (dropout passes values unchanged outside training){after}</source>
        <translation>{before}{value}（训练之外 dropout 原样传递数值）{after}</translation>
    </message>
    <message>
        <source>{entry} = {value} (fed data)</source>
        <translation>{entry} = {value}（输入的数据）</translation>
    </message>
    <message>
        <source>{entry} = {value} (a trainable array)</source>
        <translation>{entry} = {value}（可训练的数组）</translation>
    </message>
    <message>
        <source>{entry} = {value} (a constant)</source>
        <translation>{entry} = {value}（常数）</translation>
    </message>
    <message>
        <source>{sum} over the {k}x{k} window rows {rows}, columns {columns} = {products}{rest}</source>
        <translation>{sum}，在 {k}x{k} 窗口（第 {rows} 行、第 {columns} 列）上 = {products}{rest}</translation>
    </message>
    <message>
        <source>{sum} over the {k}x{k} window rows {rows}, columns {columns} (zeros where the window hangs over the padding) = {products}{rest}</source>
        <translation>{sum}，在 {k}x{k} 窗口（第 {rows} 行、第 {columns} 列；窗口伸到填充区的地方为 0）上 = {products}{rest}</translation>
    </message>
    <message>
        <source>{start} = {values} summed = {value}</source>
        <translation>{start} = {values} 之和 = {value}</translation>
    </message>
    <message>
        <source>{entry} = mean {source} = ({values}) / {count} = {value}</source>
        <translation>{entry} = 均值 {source} = ({values}) / {count} = {value}</translation>
    </message>
    <message>
        <source>{start} over {source} {rest}</source>
        <translation>{start}，遍历 {source} {rest}</translation>
    </message>
    <message>
        <source>{start} = {value} (moved, not changed)</source>
        <translation>{start} = {value}（只是移动，没有改变）</translation>
    </message>
    <message>
        <source>{start} — reads {count} entries of {sources} — = {value}</source>
        <translation>{start} — 读取 {sources} 的 {count} 个元素 — = {value}</translation>
    </message>
    <message>
        <source>{start} — reads {count} entries of nothing — = {value}</source>
        <translation>{start} — 不读取任何元素（{count} 个）— = {value}</translation>
    </message>
    <message>
        <source>class {label} against the rest</source>
        <translation>类别 {label} 对其余类别</translation>
    </message>
    <message>
        <source>the 0/1 label</source>
        <translation>0/1 标签</translation>
    </message>
    <message>
        <source>y above its median ({median:.3g})</source>
        <translation>y 高于其中位数（{median:.3g}）</translation>
    </message>
    <message>
        <source>input {input} has no data; load a data set or an image first</source>
        <translation>输入 {input} 没有数据；请先载入一个数据集或一张图像</translation>
    </message>
    <message>
        <source>there is no node {node!r} in the graph</source>
        <translation>图中没有节点 {node!r}</translation>
    </message>
    <message>
        <source>cannot run up to {node}: {at}: {issue}</source>
        <translation>无法运行到 {node}：{at}：{issue}</translation>
    </message>
    <message>
        <source>{node}: input {input} is not connected; wire it first</source>
        <translation>{node}：输入 {input} 没有连接；请先连线</translation>
    </message>
    <message>
        <source>{node} ({op}) failed: {error}</source>
        <translation>{node}（{op}）运行失败：{error}</translation>
    </message>
    <message>
        <source>the data set has no array for input {input}; load an example or a data set whose inputs include {input}</source>
        <translation>数据集中没有输入 {input} 的数组；请载入一个示例，或载入一个包含输入 {input} 的数据集</translation>
    </message>
    <message>
        <source>example {index} does not exist: the data set has {count}</source>
        <translation>样本 {index} 不存在：数据集只有 {count} 个</translation>
    </message>
    <message>
        <source>{node} does not give 2-D maps (N x C x H x W); choose a conv, pool or activation node of a conv net</source>
        <translation>{node} 不输出二维特征图（N x C x H x W）；请选择卷积网络中的卷积、池化或激活节点</translation>
    </message>
    <message>
        <source>input {input} has an open dimension {shape}; give it a fixed shape or load a data set</source>
        <translation>输入 {input} 有一个开放的维度 {shape}；请给它固定的形状，或载入一个数据集</translation>
    </message>
    <message>
        <source>Four clusters; the class is 1 where x₁ and x₂ have different signs. No straight line separates the classes.</source>
        <translation>四个簇；x₁ 与 x₂ 符号不同处类别为 1。没有一条直线能把两类分开。</translation>
    </message>
    <message>
        <source>A ring inside a ring: separable only by a curved boundary.</source>
        <translation>环中套环：只有弯曲的边界才能分开。</translation>
    </message>
    <message>
        <source>Two interleaving half moons.</source>
        <translation>两个交错的半月形。</translation>
    </message>
    <message>
        <source>{classes} spiral arms wound around each other.</source>
        <translation>{classes} 条相互缠绕的螺旋臂。</translation>
    </message>
    <message>
        <source>{centers} Gaussian clusters.</source>
        <translation>{centers} 个高斯簇。</translation>
    </message>
    <message>
        <source>Two classes split by a straight line: logistic regression can learn it.</source>
        <translation>由一条直线分开的两类：逻辑回归能学会。</translation>
    </message>
    <message>
        <source>House prices generated from hidden factors: family size, walkability and school quality.</source>
        <translation>由隐藏因素生成的房价：家庭规模、步行便利度和学校质量。</translation>
    </message>
    <message>
        <source>(center word, context word) pairs from a tiny corpus whose sentences stay on one topic</source>
        <translation>来自一个小语料库的（中心词，上下文词）词对，其中每个句子只谈一个话题</translation>
    </message>
    <message>
        <source>Tiny images of horizontal bars, vertical bars, crosses and rings.</source>
        <translation>横条、竖条、十字和圆环的小图像。</translation>
    </message>
    <message>
        <source>Striped {size}×{size} patterns in {classes} orientations over {channels} channels.</source>
        <translation>{size}×{size} 的条纹图案，{classes} 个方向，{channels} 个通道。</translation>
    </message>
    <message>
        <source>Handwritten digits 0-9, 8x8 pixels (from scikit-learn)</source>
        <translation>手写数字 0-9，8x8 像素（来自 scikit-learn）</translation>
    </message>
    <message>
        <source>digits moved by up to a pixel, noise σ {sigma}</source>
        <translation>数字最多平移一个像素，噪声 σ {sigma}</translation>
    </message>
    <message>
        <source>8x8 digits, label 1.0 for a zero and 0.0 for any other digit</source>
        <translation>8x8 的数字，0 的标签为 1.0，其他数字为 0.0</translation>
    </message>
    <message>
        <source>two Gaussian clouds, 3 features, classes 0 and 1</source>
        <translation>两团高斯点云，3 个特征，类别 0 和 1</translation>
    </message>
    <message>
        <source>Handwritten digits {first}-{last}, 8x8 pixels (from scikit-learn)</source>
        <translation>手写数字 {first}-{last}，8x8 像素（来自 scikit-learn）</translation>
    </message>
    <message>
        <source>y = X·W + b plus a little noise; 3 inputs, 4 outputs</source>
        <translation>y = X·W + b 加一点噪声；3 个输入，4 个输出</translation>
    </message>
    <message>
        <source>The {count} sample pictures, {size}x{size} grey, one per class</source>
        <translation>{count} 张示例图片，{size}x{size} 灰度，每类一张</translation>
    </message>
    <message>
        <source>The {count} sample pictures, {size}x{size} colour, one per class</source>
        <translation>{count} 张示例图片，{size}x{size} 彩色，每类一张</translation>
    </message>
    <message>
        <source>{count} patches of {size}x{size} pixels cut from the {pictures} sample pictures; the class is the picture a patch comes from</source>
        <translation>从 {pictures} 张示例图片中切出的 {count} 个 {size}x{size} 像素小块；类别是小块所来自的图片</translation>
    </message>
    <message>
        <source>(center, context) word pairs from {sentences} sentences ({words} words) that each stay on one of {topics} topics</source>
        <translation>来自 {sentences} 个句子（{words} 个词）的（中心词，上下文词）词对，每个句子只谈 {topics} 个话题之一</translation>
    </message>
    <message>
        <source>{count} images in {classes} classes from the folder {name}</source>
        <translation>来自文件夹 {name} 的 {count} 张图像，共 {classes} 类</translation>
    </message>
    <message>
        <source>{rows} rows from a CSV file; {features} feature columns</source>
        <translation>来自 CSV 文件的 {rows} 行；{features} 个特征列</translation>
    </message>
    <message>
        <source>{rows} rows from a CSV file; {features} feature columns, target {target!r}</source>
        <translation>来自 CSV 文件的 {rows} 行；{features} 个特征列，目标 {target!r}</translation>
    </message>
    <message>
        <source>the output of {node} for every example of {data}, computed once</source>
        <translation>{node} 对 {data} 中每个样本的输出，只计算一次</translation>
    </message>
    <message>
        <source>{kind} rotated by {degrees}° and shifted: the same classes, seen differently</source>
        <translation>{kind} 旋转 {degrees}° 并平移：类别相同，但看起来不同</translation>
    </message>
    <message>
        <source>{kind} (train)</source>
        <translation>{kind}（训练集）</translation>
    </message>
    <message>
        <source>{kind} (dev, same distribution)</source>
        <translation>{kind}（验证集，同一分布）</translation>
    </message>
    <message>
        <source>{kind} (other distribution)</source>
        <translation>{kind}（另一分布）</translation>
    </message>
    <message>
        <source>same distribution</source>
        <translation>同一分布</translation>
    </message>
    <message>
        <source>other distribution</source>
        <translation>另一分布</translation>
    </message>
    <message>
        <source>scalar</source>
        <translation>标量</translation>
    </message>
    <message>
        <source>{shape} (empty)</source>
        <translation>{shape}（空）</translation>
    </message>
    <message>
        <source>{shape} · no finite entries</source>
        <translation>{shape} · 没有有限值</translation>
    </message>
    <message>
        <source>{shape} · min {min} · max {max} · mean {mean}</source>
        <translation>{shape} · 最小 {min} · 最大 {max} · 均值 {mean}</translation>
    </message>
    <message>
        <source>{shape} · min {min} · max {max} · mean {mean} · {bad} not finite</source>
        <translation>{shape} · 最小 {min} · 最大 {max} · 均值 {mean} · {bad} 个非有限值</translation>
    </message>
    <message>
        <source>{where} is {mb} MB, more than the {limit} MB an ONNX file can hold</source>
        <translation>{where} 有 {mb} MB，超过了 ONNX 文件能容纳的 {limit} MB</translation>
    </message>
    <message>
        <source>cannot read {where}: {reason}</source>
        <translation>无法读取 {where}：{reason}</translation>
    </message>
    <message>
        <source>{where} is not an ONNX model (the file is damaged or truncated: {reason})</source>
        <translation>{where} 不是 ONNX 模型（文件已损坏或被截断：{reason}）</translation>
    </message>
    <message>
        <source>{where} holds no ONNX graph (is it an ONNX model?)</source>
        <translation>{where} 中没有 ONNX 图（它是 ONNX 模型吗？）</translation>
    </message>
    <message>
        <source>{where} has {count} nodes; at most {limit} can be imported</source>
        <translation>{where} 有 {count} 个节点；最多只能导入 {limit} 个</translation>
    </message>
    <message>
        <source>tensor {name!r} has a negative dimension {dims}</source>
        <translation>张量 {name!r} 有负的维度 {dims}</translation>
    </message>
    <message>
        <source>tensor {name!r} has absurd dimensions {dims} ({count:,} numbers); the file is damaged or hostile</source>
        <translation>张量 {name!r} 的维度 {dims} 不合理（{count:,} 个数）；文件已损坏或有恶意</translation>
    </message>
    <message>
        <source>tensor {name!r} cannot be read: {reason}</source>
        <translation>无法读取张量 {name!r}：{reason}</translation>
    </message>
    <message>
        <source>tensor {name!r} refers to external data {location!r}; only files beside the model, inside its folder, are read</source>
        <translation>张量 {name!r} 引用了外部数据 {location!r}；只读取模型旁边、其文件夹内的文件</translation>
    </message>
    <message>
        <source>tensor {name!r} refers to external data {location!r}, outside the model&apos;s folder; it was not read</source>
        <translation>张量 {name!r} 引用了模型文件夹之外的外部数据 {location!r}；未读取</translation>
    </message>
    <message>
        <source>tensor {name!r}: its external data entry is malformed</source>
        <translation>张量 {name!r}：其外部数据条目格式错误</translation>
    </message>
    <message>
        <source>tensor {name!r}: external data length {length} does not match its {need} bytes</source>
        <translation>张量 {name!r}：外部数据长度 {length} 与其 {need} 字节不符</translation>
    </message>
    <message>
        <source>tensor {name!r}: external data file {location!r} is missing</source>
        <translation>张量 {name!r}：外部数据文件 {location!r} 不存在</translation>
    </message>
    <message>
        <source>tensor {name!r}: external data file {location!r} is too short</source>
        <translation>张量 {name!r}：外部数据文件 {location!r} 太短</translation>
    </message>
    <message>
        <source>tensor {name!r}: cannot read {location!r}: {reason}</source>
        <translation>张量 {name!r}：无法读取 {location!r}：{reason}</translation>
    </message>
    <message>
        <source>tensor {tensor!r} is produced twice (by node {node}); the file is damaged</source>
        <translation>张量 {tensor!r} 被产生了两次（由节点 {node}）；文件已损坏</translation>
    </message>
    <message>
        <source>node {node} reads {tensor!r}, which no node or input provides; the file is damaged</source>
        <translation>节点 {node} 读取 {tensor!r}，但没有任何节点或输入提供它；文件已损坏</translation>
    </message>
    <message>
        <source>the graph has a cycle: nodes {nodes} depend on each other&apos;s outputs; a computation graph must not loop</source>
        <translation>图中有环：节点 {nodes} 相互依赖对方的输出；计算图不能有环</translation>
    </message>
    <message>
        <source>node {node}: {error}</source>
        <translation>节点 {node}：{error}</translation>
    </message>
    <message>
        <source>node {node}: its {weight} has shape {got}, but {op} needs {want} here</source>
        <translation>节点 {node}：它的 {weight} 形状为 {got}，但 {op} 在这里需要 {want}</translation>
    </message>
    <message>
        <source>tensor {tensor!r} is used before anything produces it</source>
        <translation>张量 {tensor!r} 在被产生之前就被使用了</translation>
    </message>
    <message>
        <source>the import was cancelled; nothing was changed</source>
        <translation>导入已取消；没有任何改动</translation>
    </message>
    <message>
        <source>the model uses ops this app has no counterpart for, so nothing was imported:
{ops}</source>
        <translation>模型用到了本应用没有对应的运算，因此什么都没有导入：
{ops}</translation>
    </message>
    <message>
        <source>{op}: {nodes}</source>
        <translation>{op}：{nodes}</translation>
    </message>
    <message>
        <source>{op} ({reason}): {nodes}</source>
        <translation>{op}（不支持{reason}）：{nodes}</translation>
    </message>
    <message>
        <source>its input {name} must be a constant</source>
        <translation>其输入 {name} 必须是常量</translation>
    </message>
    <message>
        <source>the setting {setting}</source>
        <translation>设置 {setting}</translation>
    </message>
    <message>
        <source>a {rank}-D input (only 2-D images N x C x H x W)</source>
        <translation>{rank} 维输入（只支持 N x C x H x W 的二维图像）</translation>
    </message>
    <message>
        <source>kernel_shape={shape} (only square 2-D kernels)</source>
        <translation>kernel_shape={shape}（只支持正方形的二维卷积核）</translation>
    </message>
    <message>
        <source>strides={strides} (only equal strides)</source>
        <translation>strides={strides}（两个方向的步长必须相等）</translation>
    </message>
    <message>
        <source>kernel {k} larger than the padded input {total}</source>
        <translation>卷积核 {k} 大于填充后的输入 {total}</translation>
    </message>
    <message>
        <source>the Indices output</source>
        <translation>Indices 输出</translation>
    </message>
    <message>
        <source>an input that is not N x features</source>
        <translation>不是 N x 特征数 形状的输入</translation>
    </message>
    <message>
        <source>a bias of shape {shape}</source>
        <translation>形状为 {shape} 的偏置</translation>
    </message>
    <message>
        <source>an exponent that is not one number</source>
        <translation>不是单个数的指数</translation>
    </message>
    <message>
        <source>axis={axis} of a {rank}-D input (opset {opset} flattens it)</source>
        <translation>{rank} 维输入的 axis={axis}（opset {opset} 会把它展平）</translation>
    </message>
    <message>
        <source>training outputs (running statistics)</source>
        <translation>训练时的输出（滑动统计量）</translation>
    </message>
    <message>
        <source>axis={axis} with an open dimension before it</source>
        <translation>前面有未定维度的 axis={axis}</translation>
    </message>
    <message>
        <source>the mask output</source>
        <translation>掩码输出</translation>
    </message>
    <message>
        <source>pads={pads} (only the two image axes of N x C x H x W)</source>
        <translation>pads={pads}（只支持 N x C x H x W 中两个图像轴的填充）</translation>
    </message>
    <message>
        <source>a fill value of {value}</source>
        <translation>填充值 {value}</translation>
    </message>
    <message>
        <source>anything but a lookup in a constant 2-D table along axis 0</source>
        <translation>沿第 0 轴在常量二维表中查找以外的用法</translation>
    </message>
    <message>
        <source>slicing more than one axis</source>
        <translation>同时切片多个轴</translation>
    </message>
    <message>
        <source>a step of {step}</source>
        <translation>步长 {step}</translation>
    </message>
    <message>
        <source>an empty slice</source>
        <translation>空切片</translation>
    </message>
    <message>
        <source>an op of the {domain} domain</source>
        <translation>{domain} 域的运算</translation>
    </message>
    <message>
        <source>node {node} ({op}) cannot be folded: {error}</source>
        <translation>节点 {node}（{op}）无法折叠为常量：{error}</translation>
    </message>
    <message>
        <source>Constant node {node} cannot be read: {error}</source>
        <translation>无法读取 Constant 节点 {node}：{error}</translation>
    </message>
    <message>
        <source>node {node} ({op}) is malformed and cannot be read: {error}</source>
        <translation>节点 {node}（{op}）格式错误，无法读取：{error}</translation>
    </message>
    <message>
        <source>input {name!r} has absurd dimensions {dims}: one example would take {size}</source>
        <translation>输入 {name!r} 的维度 {dims} 不合理：一个样本就要占 {size}</translation>
    </message>
    <message>
        <source>graph output {name!r} is not produced by any node</source>
        <translation>图的输出 {name!r} 没有由任何节点产生</translation>
    </message>
    <message>
        <source>the imported graph has shape problems: {issues}</source>
        <translation>导入的图有形状问题：{issues}</translation>
    </message>
    <message>
        <source>node {node}: one example&apos;s output would hold {count:,} numbers; the dimensions are absurd</source>
        <translation>节点 {node}：一个样本的输出将有 {count:,} 个数；维度不合理</translation>
    </message>
    <message>
        <source>{what} should be a short list of numbers, not a tensor of shape {shape}</source>
        <translation>{what} 应是一小串数字，而不是形状为 {shape} 的张量</translation>
    </message>
    <message>
        <source>Constant node {node!r} has no value this app reads</source>
        <translation>Constant 节点 {node!r} 没有本应用能读取的值</translation>
    </message>
    <message>
        <source>cannot reshape a constant of shape {shape} to {spec}</source>
        <translation>无法把形状为 {shape} 的常量重塑为 {spec}</translation>
    </message>
    <message>
        <source>the graph is empty; there is nothing to export</source>
        <translation>图是空的；没有可导出的内容</translation>
    </message>
    <message>
        <source>fix the graph&apos;s shape problems first: {issue}</source>
        <translation>请先修正图的形状问题：{issue}</translation>
    </message>
    <message>
        <source>{node} ({op}) has no PyTorch form yet</source>
        <translation>{node}（{op}）还没有 PyTorch 写法</translation>
    </message>
    <message>
        <source>{node} ({op}) cannot be exported: {error}</source>
        <translation>{node}（{op}）无法导出：{error}</translation>
    </message>
    <message>
        <source>the exported model does not pass the ONNX checker: {error}</source>
        <translation>导出的模型没有通过 ONNX 检查器：{error}</translation>
    </message>
    <message>
        <source>the model is nested too deeply to import</source>
        <translation>模型嵌套太深，无法导入</translation>
    </message>
    <message>
        <source>{where} is damaged and cannot be imported ({kind}: {error})</source>
        <translation>{where} 已损坏，无法导入（{kind}：{error}）</translation>
    </message>
</context>
</TS>
